using System.Text;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Counties;

/// <summary><c>GET /counties/{fips}/data.csv</c>: a county's values as a tidy CSV download.</summary>
public static class CountyExportEndpoints
{
    public static IEndpointRouteBuilder MapCountyExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/counties/{fips}/data.csv", ExportAsync)
            .WithName("CountyDataCsv");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string fips, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        var canonical = CountyText.NormalizeCountyFips(fips);
        if (canonical is null)
        {
            return Results.NotFound();
        }
        if (canonical != fips)
        {
            // 6037 lost its leading zero somewhere: answer at the canonical address, as the county page does.
            return Results.Redirect($"/counties/{canonical}/data.csv", permanent: true);
        }
        var export = new CountyDataExport(dbFactory);
        var county = await export.FindCountyAsync(canonical, ct);
        if (county is null)
        {
            return Results.NotFound();
        }
        return new CsvDownload(export, county);
    }

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
