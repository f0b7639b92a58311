using System.Globalization;
using System.Text;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Compare;

/// <summary><c>GET /compare.csv?fips=…&amp;fips=…&amp;year=…</c>: the comparison the page shows for the same URL, as CSV.</summary>
public static class CompareCsvEndpoint
{
    /// <summary>The compare feature's endpoints (the page itself is a Razor page).</summary>
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var compare = endpoints.MapGroup("").CacheOutput(PublicDataCache.Policy);
        compare.MapGet("/compare.csv", async (HttpContext http, CountyComparisonService comparisons, CancellationToken ct) =>
        {
            var (fips, _) = Rankings.RankingsView.ReadPlaceCodes(http.Request.Query["fips"]);
            var year = short.TryParse(http.Request.Query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (short?)null;
            var comparison = await comparisons.GetAsync(fips.Take(CountyComparison.MaxCounties).ToList(), year, ct);
            if (comparison.Counties.Count == 0)
            {
                return Results.NotFound();
            }
            var response = http.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{ComparisonCsv.FileName(comparison)}\"";
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
            await ComparisonCsv.WriteAsync(comparison, writer);
            await writer.FlushAsync(ct);
            return Results.Empty;
        });
        return endpoints;
    }
}
