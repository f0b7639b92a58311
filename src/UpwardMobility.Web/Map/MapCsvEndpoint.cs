using System.Text;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary><c>GET /map.csv</c>: every county of the map's view (same URL parameters as the page), as CSV.</summary>
public static class MapCsvEndpoint
{
    public static void Map(RouteGroupBuilder map) =>
        map.MapGet("/map.csv", async (
            HttpContext http, MetricCrossSectionService crossSections, CountyProfileService profiles,
            CountyDirectoryService directory, MapShapes shapes, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            var framework = await profiles.GetFrameworkAsync(ct);
            var states = await directory.ListByStateAsync(ct: ct);
            var view = await MapView.LoadAsync(
                crossSections, framework, states, q["metric"], q["year"], q["subgroup"], q["subgroup_type"], q["state"], ct, MapView.PlacesOf(q[MapView.PlacesKey]));
            if (view.Section is not { } section || view.UnknownMetric)
            {
                return Results.NotFound();
            }
            var response = http.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{CrossSectionCsv.FileName(section, view.StateFips)}\"";
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
            await CrossSectionCsv.WriteAsync(section, view.Rows, fips => shapes.IsDrawn(section.Kind, fips), writer);
            await writer.FlushAsync(ct);
            return Results.Empty;
        }).CacheOutput(PublicDataCache.Policy);
}
