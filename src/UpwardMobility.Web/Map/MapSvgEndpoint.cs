using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary>
/// <c>GET /map/map.svg</c>: the map for the map page's URL (metric, year, subgroup, state), drawn by the server
/// (<see cref="MapSvg"/>). Kept out of the page so the page's HTML stays small and uncompressed while the map, public
/// data only, travels compressed. Each view is drawn and compressed once per data version, at a stronger level than
/// the response-compression middleware's per-request one (about 1 MB of SVG: 285 kB with fast gzip, ~150 kB here),
/// and kept in memory. The page asks with the data version (<c>v=</c>); that URL names one version of the data for
/// good, so browsers may keep it and a repeat visit takes the map from the cache.
/// </summary>
public static class MapSvgEndpoint
{
    public const string Path = "map/map.svg";

    private const string ContentType = "image/svg+xml; charset=utf-8";

    /// <summary>
    /// The map feature's endpoints: <c>/map/map.svg</c> (not output-cached: the drawings have their own cache) and
    /// <c>/map.csv</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var map = endpoints.MapGroup("");
        MapCsvEndpoint.Map(map);
        map.MapGet("/map/map.svg", async (
            HttpContext context, MetricCrossSectionService crossSections, CountyProfileService profiles,
            CountyDirectoryService directory, MapShapes shapes, DataVersion dataVersion, MapSvgCache cache, CancellationToken ct) =>
        {
            var version = await dataVersion.GetAsync(ct);
            var q = context.Request.Query;
            var key = version + "|" + context.Request.QueryString.Value;
            if (!cache.TryGet(key, out var rendered))
            {
                var framework = await profiles.GetFrameworkAsync(ct);
                var states = await directory.ListByStateAsync(ct: ct);
                var view = await MapView.LoadAsync(
                    crossSections, framework, states, q["metric"], q["year"], q["subgroup"], q["subgroup_type"], q["state"], ct, MapView.PlacesOf(q[MapView.PlacesKey]));
                if (view.Section is not { } section || view.UnknownMetric)
                {
                    return Results.NotFound();
                }
                var countyQuery = section.Year is { } y ? FormattableString.Invariant($"?year={y}") : "";
                var names = states.SelectMany(s => s.Counties).ToDictionary(c => c.Fips, c => $"{c.Name}, {c.StateAbbr}", StringComparer.Ordinal);
                rendered = cache.Add(key, MapSvg.Render(section, view.Rows, view.StateFips, shapes, names, countyQuery, states.FirstOrDefault(s => s.StateFips == view.StateFips)?.StateName));
            }
            var headers = context.Response.Headers;
            headers.Vary = HeaderNames.AcceptEncoding;
            headers.CacheControl = q["v"] == version ? "public, max-age=86400, immutable" : "no-cache";
            var (encoding, body) = rendered.For(context.Request.GetTypedHeaders().AcceptEncoding);
            if (encoding is not null)
            {
                headers.ContentEncoding = encoding;
            }
            return Results.Bytes(body, ContentType);
        });
        return endpoints;
    }
}

/// <summary>A drawn map, plain and compressed.</summary>
public sealed record RenderedMapSvg(byte[] Plain, byte[] Gzip, byte[] Brotli)
{
    public int Size => Plain.Length + Gzip.Length + Brotli.Length;

    /// <summary>The best encoding the client accepts (brotli, else gzip, else none) and its bytes.</summary>
    public (string? Encoding, byte[] Body) For(IList<StringWithQualityHeaderValue> accepted)
    {
        bool Accepts(string name) => accepted.Any(a => string.Equals(a.Value.Value, name, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);
        return Accepts("br") ? ("br", Brotli) : Accepts("gzip") ? ("gzip", Gzip) : (null, Plain);
    }
}

/// <summary>The maps drawn lately, keyed by data version and query; at most 64 MB.</summary>
public sealed class MapSvgCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public bool TryGet(string key, out RenderedMapSvg rendered) => _cache.TryGetValue(key, out rendered!);

    public RenderedMapSvg Add(string key, string svg)
    {
        var plain = Encoding.UTF8.GetBytes(svg);
        var rendered = new RenderedMapSvg(plain, Gzip(plain), Brotli(plain));
        _cache.Set(key, rendered, new MemoryCacheEntryOptions { Size = rendered.Size, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return rendered;
    }

    public void Dispose() => _cache.Dispose();

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(plain);
        }
        return output.ToArray();
    }

    // Quality 6 of 11: nearly the size of the strongest setting at a small part of its time (~1 MB in tens of ms).
    private static byte[] Brotli(byte[] plain)
    {
        using var encoder = new BrotliEncoder(quality: 6, window: 22);
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(plain.Length)];
        var status = encoder.Compress(plain, output, out _, out var written, isFinalBlock: true);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidOperationException("Brotli compression did not finish: " + status);
        }
        return output[..written];
    }
}
