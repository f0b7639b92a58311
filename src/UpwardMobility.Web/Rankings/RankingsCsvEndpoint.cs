using System.Text;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Rankings;

/// <summary><c>GET /rankings.csv</c>: the rankings page's URL, every matching row, as CSV.</summary>
public static class RankingsCsvEndpoint
{
    /// <summary>The rankings page's endpoints: its CSV sits beside the page, at the root.</summary>
    public static IEndpointRouteBuilder MapRankingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var rankings = endpoints.MapGroup("").CacheOutput(PublicDataCache.Policy);
        rankings.MapGet("/rankings.csv", async (
            HttpContext http, MetricCrossSectionService crossSections, CountyProfileService profiles,
            CountyDirectoryService directory, CancellationToken ct) =>
        {
            var framework = await profiles.GetFrameworkAsync(ct);
            var states = await directory.ListByStateAsync(ct: ct);
            var view = await RankingsView.LoadAsync(crossSections, framework, states, http.Request.Query, ct);
            if (view.Section is not { } section || view.Map.UnknownMetric)
            {
                return Results.NotFound();
            }
            var response = http.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{RankingsCsv.FileName(section, view.Map.StateFips)}\"";
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
            await RankingsCsv.WriteAsync(section, view.Filtered, writer);
            await writer.FlushAsync(ct);
            return Results.Empty;
        });
        return endpoints;
    }
}
