using System.Text;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary><c>GET /map.csv</c>: every county or city of the map's view (same URL parameters as the page), as CSV.</summary>
public static class MapCsvEndpoint
{
    public static void Map(RouteGroupBuilder map) =>
        map.MapGet("/map.csv", async (HttpContext http, MapViewSource source, CancellationToken ct) =>
        {
            var view = await source.LoadAsync(http.Request.Query, ct);
            if (view.Map.Section is not { } section || view.Map.UnknownMetric)
            {
                return Results.NotFound();
            }
            var response = http.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{CrossSectionCsv.FileName(section, view.StateFips)}\"";
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
            await CrossSectionCsv.WriteAsync(section, view.Rows, fips => source.Shapes.IsDrawn(section.Kind, fips), writer);
            await writer.FlushAsync(ct);
            return Results.Empty;
        }).CacheOutput(PublicDataCache.Policy);
}
