using System.IO.Compression;
using System.Text;
using System.Text.Json;
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

    /// <summary>The panel's texts for the same view (<see cref="MapSvg.Details"/>): the map's URL with this path instead.</summary>
    public const string DetailsPath = "map/details.json";

    private const string ContentType = "image/svg+xml; charset=utf-8";

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The map feature's endpoints: <c>/map/map.svg</c> and <c>/map/details.json</c> (not output-cached: the drawings
    /// have their own cache) and <c>/map.csv</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var map = endpoints.MapGroup("");
        MapCsvEndpoint.Map(map);
        map.MapGet("/" + Path, (HttpContext context, MapViewSource source, CancellationToken ct) =>
            ServeAsync(context, source, "svg", ContentType, (view, section) =>
            {
                var countyQuery = section.Year is { } y ? FormattableString.Invariant($"?year={y}") : "";
                var names = view.States.SelectMany(s => s.Counties).ToDictionary(c => c.Fips, c => $"{c.Name}, {c.StateAbbr}", StringComparer.Ordinal);
                return MapSvg.Render(section, view.Rows, view.StateFips, source.Shapes, names, countyQuery, view.States.FirstOrDefault(s => s.StateFips == view.StateFips)?.StateName);
            }, ct));
        map.MapGet("/" + DetailsPath, (HttpContext context, MapViewSource source, CancellationToken ct) =>
            ServeAsync(context, source, "details", "application/json; charset=utf-8",
                (view, section) => JsonSerializer.Serialize(MapSvg.Details(section, view.Rows), DetailsJson), ct));
        return endpoints;
    }

    /// <summary>
    /// One drawing of the view the query names, made and compressed once per data version and kept; with the current
    /// version in <c>v=</c> the answer may be kept by browsers for good.
    /// </summary>
    private static async Task<IResult> ServeAsync(
        HttpContext context, MapViewSource source, string what, string contentType, Func<MapViewSource.View, MetricCrossSection, string> draw, CancellationToken ct)
    {
        var version = await source.DataVersion.GetAsync(ct);
        var q = context.Request.Query;
        var key = what + "|" + version + "|" + context.Request.QueryString.Value;
        if (!source.Cache.TryGet(key, out var rendered))
        {
            var view = await source.LoadAsync(q, ct);
            if (view.Map.Section is not { } section || view.Map.UnknownMetric)
            {
                return Results.NotFound();
            }
            rendered = source.Cache.Add(key, draw(view, section));
        }
        var headers = context.Response.Headers;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = q["v"] == version ? "public, max-age=86400, immutable" : "no-cache";
        var (encoding, body) = rendered.For(context.Request.GetTypedHeaders().AcceptEncoding);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        return Results.Bytes(body, contentType);
    }
}

/// <summary>What the map's endpoints need to draw a view: its services, and the view a query names.</summary>
public sealed class MapViewSource(
    MetricCrossSectionService crossSections, CountyProfileService profiles, CountyDirectoryService directory,
    MapShapes shapes, DataVersion dataVersion, MapSvgCache cache)
{
    public MapShapes Shapes => shapes;
    public DataVersion DataVersion => dataVersion;
    public MapSvgCache Cache => cache;

    public sealed record View(MapView Map, IReadOnlyList<StateCounties> States)
    {
        public IReadOnlyList<CrossSectionRow> Rows => Map.Rows;
        public string? StateFips => Map.StateFips;
    }

    public async Task<View> LoadAsync(IQueryCollection q, CancellationToken ct)
    {
        var framework = await profiles.GetFrameworkAsync(ct);
        var states = await directory.ListByStateAsync(ct: ct);
        var view = await MapView.LoadAsync(
            crossSections, framework, states, q["metric"], q["year"], q["subgroup"], q["subgroup_type"], q["state"], ct, MapView.PlacesOf(q[MapView.PlacesKey]));
        return new View(view, states);
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
