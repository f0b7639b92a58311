using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>A clock that says what the test wants.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The app on a database with the catalog, the counties and three real Urban files (employment for every county; injury
/// deaths by race/ethnicity; debt in collections by neighbourhood composition), a planner of Autauga County (01001), a planner of Baldwin County (01003), an analyst and
/// an admin. The app's clock says 1 June 2026; the plan service is the app's own.
/// </summary>
public abstract class PlanDatabaseFixture(DatabaseProvider provider) : TestHost(new()
{
    Provider = provider,
    Files = [EmploymentFile, InjuryFile, DebtFile],
    Services = services => services.AddSingleton<TimeProvider>(Clock),
})
{
    public const string Autauga = "01001";
    public const string Baldwin = "01003";

    public static readonly string EmploymentFile = Path.Combine(TestEnvironment.UrbanDataPath, "components", "metrics_employment_county_all_longitudinal.csv");
    public static readonly string InjuryFile = Path.Combine(TestEnvironment.UrbanDataPath, "subgroups", "rate_injury_deaths_metric_subgroup_county.csv");

    /// <summary>Debt in collections in 2022 for all residents and for majority-white and majority-non-white neighbourhoods.</summary>
    public static readonly string DebtFile = Path.Combine(TestEnvironment.UrbanDataPath, "components", "county-debt-coll-shares-2022.csv");

    // Static because the options given to the base constructor cannot refer to the instance; nothing changes it.
    private static readonly FixedTime Clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public FixedTime Time => Clock;
    public ActionPlanService Plans => Get<ActionPlanService>();
    public ClaimsPrincipal AutaugaPlanner { get; private set; } = null!;
    public ClaimsPrincipal BaldwinPlanner { get; private set; } = null!;
    public ClaimsPrincipal Analyst { get; private set; } = null!;
    public ClaimsPrincipal Admin { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AutaugaPlanner = await UserAsync("autauga@example.org", Roles.Planner, Autauga);
        BaldwinPlanner = await UserAsync("baldwin@example.org", Roles.Planner, Baldwin);
        Analyst = await UserAsync("analyst@example.org", Roles.Analyst);
        Admin = await UserAsync("admin@example.org", Roles.Admin);
    }

    /// <summary>Empties the plans and the audit log: each test starts from no plan.</summary>
    public async Task ResetAsync()
    {
        await using var db = CreateContext();
        await db.PlanTargets.ExecuteDeleteAsync();
        await db.PlanPriorities.ExecuteDeleteAsync();
        await db.AuditEntries.ExecuteDeleteAsync();
    }

    /// <summary>A stored value of a county, as the import wrote it.</summary>
    public async Task<MetricValue> ValueAsync(string fips, string metric, short year, string subgroupType, string subgroup)
    {
        await using var db = CreateContext();
        return await (
            from v in db.MetricValues.AsNoTracking()
            join g in db.Geographies on v.GeographyId equals g.Id
            join m in db.Metrics on v.MetricId equals m.Id
            where g.Fips == fips && g.Kind == GeographyKind.County && m.Key == metric && v.Year == year
                && v.SubgroupType == subgroupType && v.Subgroup == subgroup
            select v).SingleAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync(string email, string role, params string[] counties)
    {
        await CreateUserAsync(email, role, counties);
        return await PrincipalAsync(email);
    }
}

public sealed class SqlitePlanDatabase() : PlanDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresPlanDatabase() : PlanDatabaseFixture(DatabaseProvider.Postgres);
