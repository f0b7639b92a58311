using System.Text;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Web.Counties;

/// <summary>
/// The county feature's endpoints: <c>GET /counties/{fips}/data.csv</c> (and <c>/cities/{fips}/data.csv</c>), a
/// county's or city's values as a tidy CSV download.
/// </summary>
public static class CountyExportEndpoints
{
    public static IEndpointRouteBuilder MapCountyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var county = endpoints.MapGroup("/counties/{fips}");
        county.MapGet("/data.csv", ExportAsync).WithName("CountyDataCsv");
        var city = endpoints.MapGroup("/cities/{fips}");
        city.MapGet("/data.csv", ExportCityAsync).WithName("CityDataCsv");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string fips, GeographyLookup geographies, CountyDataExport export, CancellationToken ct) =>
        await geographies.ResolveAsync(fips, ct) switch
        {
            // 6037 lost its leading zero somewhere: answer at the canonical address, as the county page does.
            CountyAddress.Moved moved => Results.Redirect($"/counties/{moved.Fips}/data.csv", permanent: true),
            CountyAddress.Found { County: var c } => new CsvDownload(export, new CountyExportTarget(c.Id, c.Fips, c.Name, c.StateName)),
            _ => Results.NotFound(),
        };

    private static async Task<IResult> ExportCityAsync(string fips, GeographyLookup geographies, CountyDataExport export, CancellationToken ct) =>
        await geographies.FindCityAsync(fips, ct) is { } c
            ? new CsvDownload(export, new CountyExportTarget(c.Id, c.Fips, c.Name, c.StateName) { Kind = PlaceKind.City })
            : Results.NotFound();

    /// <summary>Streams the CSV straight to the response body; nothing is built in memory first.</summary>
    private sealed class CsvDownload(CountyDataExport export, CountyExportTarget county) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = CountyDataExport.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{county.FileName}\"";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "no-cache";
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 15);
            await export.WriteCsvAsync(county, writer, http.RequestAborted);
            await writer.FlushAsync(http.RequestAborted);
        }
    }
}
