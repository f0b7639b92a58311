using Microsoft.AspNetCore.OutputCaching;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web;

/// <summary>
/// Output caching of the public, read-only pages (county, pillar, metric, map, rankings, compare) and their data
/// downloads. Only anonymous GET requests that answer 200 without setting a cookie are cached (the default policy),
/// so nothing personal is ever stored; entries vary by the path, the query parameters pages read (in their raw order)
/// and by <see cref="DataVersion"/>, so an import,
/// a rollback or an audited edit is visible on the next request.
/// </summary>
public static class PublicDataCache
{
    public const string Policy = "public-data";

    /// <summary>
    /// The JSON and CSV data behind the pages (the map's values are 600 kB) are compressed. HTML is not: pages can
    /// hold antiforgery tokens, and compressing secrets next to reflected input invites BREACH-style attacks.
    /// </summary>
    public static IServiceCollection AddDataCompression(this IServiceCollection services) =>
        services
            .Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest)
            .Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest)
            .AddResponseCompression(options =>
            {
                options.EnableForHttps = true;
                options.MimeTypes = ["application/json", "text/csv"];
            });

    /// <summary>
    /// Every query parameter a cached page or endpoint reads: the components' <c>[SupplyParameterFromQuery]</c> names
    /// (found by reflection, so a new one is never missed) and those read from <c>Request.Query</c> by the view
    /// readers (<c>MetricViewQuery</c>, <c>RankingsView</c>, <c>MapView</c>, compare), which must be listed here.
    /// </summary>
    public static readonly IReadOnlySet<string> QueryParameters = new HashSet<string>(
        typeof(PublicDataCache).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Select(p => (Property: p, Attribute: p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.SupplyParameterFromQueryAttribute), true)
                .OfType<Microsoft.AspNetCore.Components.SupplyParameterFromQueryAttribute>().FirstOrDefault()))
            .Where(x => x.Attribute is not null)
            .Select(x => x.Attribute!.Name ?? x.Property.Name)
            .Concat([
                Core.Dashboard.MetricView.YearKey, Core.Dashboard.MetricView.SubgroupTypeKey, Core.Dashboard.MetricView.PeerKey,
                Map.MapView.PlacesKey, "metric", "year", "subgroup", "subgroup_type", "state", "fips", "size", "sort", "dir", "page", "v",
            ]),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The raw query with only <see cref="QueryParameters"/>, in their order (repeated ones' order is part of the view).</summary>
    public static string ReadParameters(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }
        var kept = query.TrimStart('?').Split('&').Where(part =>
        {
            var name = Uri.UnescapeDataString((part.IndexOf('=') is var eq and >= 0 ? part[..eq] : part).Replace('+', ' '));
            return QueryParameters.Contains(name);
        });
        return string.Join('&', kept);
    }

    /// <summary>
    /// Before the output cache: a cached page asked for with parameters no page reads is redirected to its address
    /// without them, so the cache holds one entry per view and no page shows (in its print address or copied link) a
    /// stranger's query string.
    /// </summary>
    public static void UseCanonicalQueries(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.QueryString.HasValue
            && context.GetEndpoint()?.Metadata is { } metadata
            && (metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == Policy || metadata.Any(m => m is IOutputCachePolicy)))
        {
            var kept = ReadParameters(request.QueryString.Value);
            if (kept.Length != request.QueryString.Value!.TrimStart('?').Length)
            {
                context.Response.Redirect(request.PathBase + request.Path + (kept.Length > 0 ? "?" + kept : ""));
                return;
            }
        }
        await next(context);
    });

    public static IServiceCollection AddPublicDataCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.AddPolicy(Policy, policy => policy
                .Expire(TimeSpan.FromMinutes(5))
                // The raw query, not the parsed one: the order of repeated parameters (peers, compared counties) is
                // part of the view. Varying by query keys instead sorts the request's own repeated values in place,
                // which reordered the peers the page then read.
                .SetVaryByQuery([])
                // Only the parameters some page reads: any other (a random cache-buster, a tracking tag) would make
                // a new entry per request, and a page rendered afresh each time (3,306 → 91 req/s on a county page).
                .VaryByValue(async (context, ct) => new KeyValuePair<string, string>(
                    "view",
                    await context.RequestServices.GetRequiredService<DataVersion>().GetAsync(ct) + "|" + ReadParameters(context.Request.QueryString.Value)))
                .AddPolicy<AnonymousPageCachePolicy>());
        });
}
