using System.Text;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Web.Metrics;

/// <summary>
/// <c>GET /counties/{fips}/metrics/{metric}.csv?year=&amp;subgroup_type=&amp;peer=</c>: exactly what the metric page
/// with the same query charts, as CSV (see docs/data-formats.md).
/// </summary>
public static class MetricCsvEndpoint
{
    /// <summary>The metric page's endpoints, under <c>/counties/{fips}/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapMetricEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var metrics = endpoints.MapGroup("/counties/{fips}/metrics").CacheOutput(PublicDataCache.Policy);
        metrics.MapGet("/{metric}.csv", ExportAsync).WithName("CountyMetricCsv");
        var cityMetrics = endpoints.MapGroup("/cities/{fips}/metrics").CacheOutput(PublicDataCache.Policy);
        cityMetrics.MapGet("/{metric}.csv", ExportAsync).WithName("CityMetricCsv");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        string fips, string metric, MetricDetailService details, HttpContext http, CancellationToken ct)
    {
        var canonical = Cities.PlaceRoutes.Code(Cities.PlaceRoutes.KindOf(http), fips);
        if (canonical is null)
        {
            return Results.NotFound();
        }
        var detail = await details.GetAsync(canonical, metric, MetricViewQuery.Read(http.Request.Query), ct);
        if (detail is null)
        {
            return Results.NotFound();
        }
        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{MetricDetailCsv.FileName(detail)}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
        await MetricDetailCsv.WriteAsync(detail, writer);
        await writer.FlushAsync(ct);
        return Results.Empty;
    }
}
