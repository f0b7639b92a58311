using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>
/// A baseline taken from data that is later rolled back: the county's latest value is then older than the baseline,
/// and the plan says so instead of claiming progress. Real employment rows of Alabama, loaded in two imports.
/// </summary>
public class PlanAfterRollbackTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Latest_data_older_than_the_baseline_after_a_rollback_measure_no_progress(DatabaseProvider provider)
    {
        var time = new FixedTime(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestHost.StartAsync(new() { Provider = provider, Services = s => s.AddSingleton<TimeProvider>(time) });
        using var folder = new TempFolder();
        // The real file's Alabama rows: up to 2021 first, then the later years.
        var early = folder.EditedCopy(PlanDatabaseFixture.EmploymentFile, "employment-early.csv",
            (line, n) => n == 1 || (line.Length > 8 && line[5..7] == "01" && string.CompareOrdinal(line[..4], "2021") <= 0) ? line : null);
        var late = folder.EditedCopy(PlanDatabaseFixture.EmploymentFile, "employment-late.csv",
            (line, n) => n == 1 || (line.Length > 8 && line[5..7] == "01" && string.CompareOrdinal(line[..4], "2021") > 0) ? line : null);
        await db.ImportCleanlyAsync(early);
        var second = await db.ImportCleanlyAsync(late);

        var plans = db.Get<ActionPlanService>();
        await db.CreateUserAsync("admin@example.org", Roles.Admin);
        var admin = await db.PrincipalAsync("admin@example.org");
        var added = await plans.AddTargetAsync(admin, PlanDatabaseFixture.Autauga, new TargetInput { MetricKey = "share_employed", TargetValue = 0.9, TargetYear = 2030 });
        Assert.True(added.Ok, added.Message);
        var before = Assert.Single((await plans.GetPlanAsync(PlanDatabaseFixture.Autauga))!.Targets);
        var baselineYear = before.Baseline.Year;
        Assert.True(baselineYear > 2021);

        Assert.True((await db.Get<ImportHistoryService>().RollbackAsync(second.ImportId!.Value, "admin@example.org")).Done);

        var after = Assert.Single((await plans.GetPlanAsync(PlanDatabaseFixture.Autauga))!.Targets);
        Assert.Equal(before.Baseline, after.Baseline); // the baseline stays what the planners saw
        Assert.Equal(ProgressStatus.NoNewerData, after.Progress.Status);
        Assert.Equal(2021, after.Progress.Latest!.Year);
        Assert.Null(after.Progress.DistanceCovered);
        Assert.Equal($"The latest value (2021) is older than the baseline ({baselineYear}), so progress cannot be measured yet.", PlanWords.Sentence(after));
    }
}
