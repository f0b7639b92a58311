using System.Text;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Web.Plans;

/// <summary>The plan feature's endpoints: <c>GET /counties/{fips}/plan.csv</c>, the county's action plan with every target's progress, as CSV.</summary>
public static class PlanCsvEndpoint
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var plan = endpoints.MapGroup("/counties/{fips}");
        plan.MapGet("/plan.csv", ExportAsync).WithName("CountyPlanCsv");
        var cityPlan = endpoints.MapGroup("/cities/{fips}");
        cityPlan.MapGet("/plan.csv", ExportAsync).WithName("CityPlanCsv");
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string fips, ActionPlanService plans, HttpContext http, CancellationToken ct)
    {
        var kind = Cities.PlaceRoutes.KindOf(http);
        var canonical = kind.Canonical(fips);
        if (canonical is null)
        {
            return Results.NotFound();
        }
        if (canonical != fips)
        {
            return Results.Redirect($"/{kind.PathOf(canonical)}/plan.csv", permanent: true);
        }
        var plan = await plans.GetPlanAsync(canonical, ct);
        if (plan is null)
        {
            return Results.NotFound();
        }
        var response = http.Response;
        response.ContentType = CountyDataExport.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{PlanCsv.FileName(plan.County)}\"";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-cache";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
        await PlanCsv.WriteAsync(plan, writer);
        await writer.FlushAsync(ct);
        return Results.Empty;
    }
}
