using Microsoft.AspNetCore.OutputCaching;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web;

/// <summary>
/// Output caching of the public, read-only pages (county, pillar, metric, map, rankings, compare) and their data
/// downloads. Only anonymous GET requests that answer 200 without setting a cookie are cached (the default policy),
/// so nothing personal is ever stored; entries vary by the path, the raw query string and by <see cref="DataVersion"/>, so an import,
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

    public static IServiceCollection AddPublicDataCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.AddPolicy(Policy, policy => policy
                .Expire(TimeSpan.FromMinutes(5))
                // The raw query, not the parsed one: the order of repeated parameters (peers, compared counties) is
                // part of the view. Varying by query keys instead sorts the request's own repeated values in place,
                // which reordered the peers the page then read.
                .SetVaryByQuery([])
                .VaryByValue(async (context, ct) => new KeyValuePair<string, string>(
                    "view",
                    await context.RequestServices.GetRequiredService<DataVersion>().GetAsync(ct) + "|" + context.Request.QueryString.Value))
                .AddPolicy<AnonymousPageCachePolicy>());
        });
}
