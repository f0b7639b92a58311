using System.Security.Claims;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Plans;

public sealed partial class ActionPlanService
{
    /// <summary>The county, when <paramref name="user"/> may edit its plan; else the refusal to show.</summary>
    private async Task<(PlanCounty? County, PlanResult? Refusal)> AuthorizeAsync(ClaimsPrincipal user, string fips, CancellationToken ct)
    {
        PlanCounty? county;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            county = await FindCountyAsync(db, fips, ct);
        }
        if (county is null)
        {
            return (null, PlanResult.Refused("There is no such county."));
        }
        if (user.Identity?.IsAuthenticated != true)
        {
            return (null, PlanResult.Refused("Sign in to edit plans."));
        }
        if (!await access.CanPlanAsync(user, county.Fips, ct))
        {
            return (null, PlanResult.Refused($"You do not plan for {county.FullName}: an administrator can add it to your counties."));
        }
        return (county, null);
    }

    private static string? Actor(ClaimsPrincipal user) => user.Identity?.Name;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PlanResult Stale(string what) =>
        PlanResult.Refused($"Someone else changed {what} while you were editing it: the page now shows their version. Make your change again if it is still needed.");
}
