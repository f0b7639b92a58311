using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>A clock that says what the test wants.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A database with the catalog, the counties and two real Urban files (employment for every county; injury deaths by
/// race/ethnicity), a planner of Autauga County (01001), a planner of Baldwin County (01003), an analyst and an admin.
/// The clock says 1 June 2026.
/// </summary>
public abstract class PlanDatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string Autauga = "01001";
    public const string Baldwin = "01003";

    public static readonly string EmploymentFile = Path.Combine(TestEnvironment.UrbanDataPath, "components", "metrics_employment_county_all_longitudinal.csv");
    public static readonly string InjuryFile = Path.Combine(TestEnvironment.UrbanDataPath, "subgroups", "rate_injury_deaths_metric_subgroup_county.csv");

    public ImportTestDatabase Db { get; private set; } = null!;
    public FixedTime Time { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    public ActionPlanService Plans { get; private set; } = null!;
    public ClaimsPrincipal AutaugaPlanner { get; private set; } = null!;
    public ClaimsPrincipal BaldwinPlanner { get; private set; } = null!;
    public ClaimsPrincipal Analyst { get; private set; } = null!;
    public ClaimsPrincipal Admin { get; private set; } = null!;
    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    public async Task InitializeAsync()
    {
        Db = await ImportTestDatabase.CreateAsync(provider);
        await Db.ImportCleanlyAsync(EmploymentFile);
        await Db.ImportCleanlyAsync(InjuryFile);
        Plans = new ActionPlanService(Db.Factory, new PlannerAccess(Db.Factory), new AuditLog(Db.Factory, Time), Time);
        AutaugaPlanner = await UserAsync("autauga@example.org", Roles.Planner, Autauga);
        BaldwinPlanner = await UserAsync("baldwin@example.org", Roles.Planner, Baldwin);
        Analyst = await UserAsync("analyst@example.org", Roles.Analyst);
        Admin = await UserAsync("admin@example.org", Roles.Admin);
    }

    /// <summary>Empties the plans and the audit log: each test starts from no plan.</summary>
    public async Task ResetAsync()
    {
        await using var db = Db.CreateContext();
        await db.PlanTargets.ExecuteDeleteAsync();
        await db.PlanPriorities.ExecuteDeleteAsync();
        await db.AuditEntries.ExecuteDeleteAsync();
    }

    /// <summary>A stored user with a role (and planner counties), signed in as the web app would see them.</summary>
    private async Task<ClaimsPrincipal> UserAsync(string email, string role, params string[] counties)
    {
        await using var db = Db.CreateContext();
        var user = new ApplicationUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        foreach (var fips in counties)
        {
            var geography = await db.Geographies.SingleAsync(g => g.Fips == fips && g.Kind == Core.Geographies.GeographyKind.County);
            db.PlannerCounties.Add(new PlannerCounty { UserId = user.Id, GeographyId = geography.Id });
        }
        await db.SaveChangesAsync();
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)],
            authenticationType: "test"));
    }

    public async Task DisposeAsync()
    {
        if (Db is not null)
        {
            await Db.DisposeAsync();
        }
    }
}

public sealed class SqlitePlanDatabase() : PlanDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresPlanDatabase() : PlanDatabaseFixture(DatabaseProvider.Postgres);
