using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Accounts;

/// <summary>
/// Who may edit a county's (or city's) mobility action plan: administrators for every place, a Planner for the
/// counties and cities an administrator granted them (<see cref="PlannerCounty"/>). Everyone may read plans.
/// </summary>
public sealed class PlannerAccess(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<bool> CanPlanAsync(ClaimsPrincipal user, string countyFips, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }
        if (!user.IsInRole(Roles.Planner) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }
        // The code's length says the kind: a county's 5 digits or a city's 7.
        if (PlaceKind.OfCode(countyFips)?.Kind is not { } kind)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from p in db.PlannerCounties
                      join g in db.Geographies on p.GeographyId equals g.Id
                      where p.UserId == userId && g.Kind == kind && g.Fips == countyFips
                      select p).AnyAsync(ct);
    }

    /// <summary>The FIPS codes of the counties a planner plans for (every county for admins is not listed: check the role).</summary>
    public async Task<IReadOnlyList<string>> CountiesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from p in db.PlannerCounties
                      join g in db.Geographies on p.GeographyId equals g.Id
                      where p.UserId == userId
                      orderby g.Fips
                      select g.Fips).ToListAsync(ct);
    }
}
