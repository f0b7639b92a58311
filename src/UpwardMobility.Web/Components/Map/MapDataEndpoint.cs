using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Nation;
using UpwardMobility.Web.Components.Charts;

namespace UpwardMobility.Web.Components.Map;

/// <summary>
/// <c>GET /map/data.json</c>: the choropleth figure for the map page's URL. Kept out of the page so the HTML stays
/// small and the few hundred kilobytes of values are fetched (compressed) by the script that draws them.
/// </summary>
public static class MapDataEndpoint
{
    public static void MapMapDataEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/map/data.json", async (
            HttpContext context, MetricCrossSectionService crossSections, CountyProfileService profiles,
            CountyDirectoryService directory, MapShapes shapes, CancellationToken ct) =>
        {
            var q = context.Request.Query;
            var framework = await profiles.GetFrameworkAsync(ct);
            var states = await directory.ListByStateAsync(ct: ct);
            var view = await MapView.LoadAsync(crossSections, framework, states, q["metric"], q["year"], q["subgroup"], q["subgroup_type"], q["state"], ct);
            if (view.Section is not { } section || view.UnknownMetric)
            {
                return Results.NotFound();
            }
            var mapped = view.Rows.Where(r => shapes.CountyFips.Contains(r.Fips)).ToList();
            var fileName = $"map-{section.Metric.Key}-{section.Year}{(view.StateFips is null ? "" : "-" + view.StateFips)}";
            return Results.Text(ChartFigure.JsonWithOwnMarkup(MapFigure.Build(section, mapped, view.StateFips, fileName, states.FirstOrDefault(s => s.StateFips == view.StateFips)?.StateName)), "application/json");
        }).CacheOutput(PublicDataCache.Policy);
}
