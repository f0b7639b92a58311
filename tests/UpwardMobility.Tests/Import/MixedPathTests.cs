using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// A subgroup file imported after its whole-population file: its subgroup values go straight into the values table,
/// its whole-population values (which may be stored already) are staged and merged. The result must be exactly what
/// staging every value gives, however the staged values are split into batches, on both providers.
/// </summary>
public sealed class MixedPathTests
{
    private const string AllCounties = "components/transportation_all_county.csv";
    private const string Subgroups = "subgroups/transportation_subgroup_county.csv";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Subgroup_values_go_straight_in_and_whole_population_values_are_merged_as_staging_would(DatabaseProvider provider)
    {
        var routes = new[]
        {
            new ImportOptions(),                          // subgroup values direct, whole-population values staged
            new ImportOptions { StagingBatch = 100 },     // the same, in many small COPY segments
            new ImportOptions { StageEverything = true }, // everything through staging
        };
        var reports = new List<ImportReport>();
        var snapshots = new List<DatabaseSnapshot>();
        foreach (var options in routes)
        {
            await using var db = await ImportTestDatabase.CreateAsync(provider);
            var whole = await db.ImportCleanlyAsync(UrbanSource.PathOf(AllCounties));
            var report = await db.ImportCleanlyAsync(UrbanSource.PathOf(Subgroups), options);
            // Every whole-population value of the subgroup file repeats the all-county file.
            Assert.Equal(whole.ValuesInserted, report.ValuesUnchanged);
            Assert.Equal(0, report.ValuesReplaced);
            Assert.Equal(report.ValuesRead, report.ValuesInserted + report.ValuesUnchanged);
            Assert.Equal(6.248981144378634e-4, (await db.ValueAsync("01001", "share_transit_commuter", 2015, "race-share", "White neighborhoods")).Value);
            Assert.Equal(0.32171098845960866, (await db.ValueAsync("01001", "share_transportation_cost", 2015, "race-share", "Mixed neighborhoods")).Value);
            reports.Add(report);
            snapshots.Add(await db.SnapshotAsync());
        }
        Assert.True(reports[0].ValuesInserted > 10_000, $"only {reports[0].ValuesInserted} subgroup values");
        foreach (var (report, snapshot) in reports.Zip(snapshots).Skip(1))
        {
            Assert.Equal((reports[0].RowsRead, reports[0].ValuesRead, reports[0].ValuesInserted, reports[0].ValuesUnchanged),
                (report.RowsRead, report.ValuesRead, report.ValuesInserted, report.ValuesUnchanged));
            snapshot.AssertSameAs(snapshots[0], "the same file through another route");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_changed_whole_population_value_is_replaced_and_a_rollback_takes_the_subgroup_values_too(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        // The whole-population values first as a combined release would carry them, so the subgroup file's All row
        // outranks them and replaces (precedence, issue 22; a headline file's would be kept).
        await db.ImportCleanlyAsync(temp.EditedCopy(UrbanSource.PathOf(AllCounties), "00_mobility-metrics_transportation.csv", (line, _) => line));
        var afterWhole = await db.SnapshotAsync();

        var edited = temp.EditedCopy(UrbanSource.PathOf(Subgroups), "transportation_subgroup_corrected.csv", (line, number) =>
            number == 2 ? "2015,01,001,all,All,0.0012,1,0.3183153559521475,1" : line);
        var report = await db.ImportCleanlyAsync(edited, new ImportOptions { StagingBatch = 1000 });
        Assert.Equal(1, report.ValuesReplaced);
        Assert.Equal(new StoredValue(0.0012, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "share_transit_commuter", 2015));
        Assert.Equal(6.248981144378634e-4, (await db.ValueAsync("01001", "share_transit_commuter", 2015, "race-share", "White neighborhoods")).Value);

        var undo = await db.History.RollbackAsync(report.ImportId!.Value, "tester");
        Assert.True(undo.Done, undo.Message);
        // The subgroup file outranks the release, so it took over the release's equal All values too (provenance): the
        // rollback removes them with its own and restores every one it took over.
        Assert.True(undo.ValuesRestored >= 1);
        Assert.Equal(report.ValuesInserted + undo.ValuesRestored, undo.ValuesRemoved);
        (await db.SnapshotAsync()).AssertSameAs(afterWhole, "after rolling back the subgroup file");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_dry_run_or_a_refused_file_on_the_mixed_route_reports_like_the_real_run_and_keeps_nothing(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        // As a combined release would carry them, so the subgroup file's All row outranks them (precedence, issue 22).
        await db.ImportCleanlyAsync(temp.EditedCopy(UrbanSource.PathOf(AllCounties), "00_mobility-metrics_transportation.csv", (line, _) => line));
        var afterWhole = await db.SnapshotAsync();

        // A changed whole-population value (staged) and, far down the file, a subgroup row with a bad value (direct).
        var edited = temp.EditedCopy(UrbanSource.PathOf(Subgroups), "transportation_subgroup_bad.csv", (line, number) => number switch
        {
            2 => "2015,01,001,all,All,0.0012,1,0.3183153559521475,1",
            30_000 => "2022,24,043,race-ethnicity,White neighborhoods,lots,1,0.2664484445389686,1",
            _ => line,
        });
        var dry = await db.ImportAsync(edited, new ImportOptions { DryRun = true, AcceptPartial = true, StagingBatch = 500 });
        var refused = await db.ImportAsync(edited, new ImportOptions { StagingBatch = 500 });
        (await db.SnapshotAsync()).AssertSameAs(afterWhole, "after a dry run and a refused file");

        var real = await db.ImportAsync(edited, new ImportOptions { AcceptPartial = true, StagingBatch = 500 });
        Assert.Equal((ImportOutcome.DryRun, ImportOutcome.NotImported, ImportOutcome.Imported), (dry.Outcome, refused.Outcome, real.Outcome));
        foreach (var report in new[] { dry, refused })
        {
            Assert.Equal((real.RowsRead, real.RowsRejected, real.ValuesInserted, real.ValuesReplaced, real.ValuesUnchanged),
                (report.RowsRead, report.RowsRejected, report.ValuesInserted, report.ValuesReplaced, report.ValuesUnchanged));
        }
        Assert.Equal((1, 1), (real.RowsRejected, real.ValuesReplaced));
        var problem = Assert.Single(real.Problems);
        Assert.Equal((30_000, "not a number"), (problem.Line, problem.Message));
        Assert.Equal(0.0012, (await db.ValueAsync("01001", "share_transit_commuter", 2015)).Value);
    }

    private const string Header = "year,state,county,county_name,subgroup_type,subgroup,share_employed,share_employed_lb,share_employed_ub,share_employed_quality";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_repeated_key_is_named_whichever_route_its_values_take(DatabaseProvider provider)
    {
        using var temp = new TempFolder();
        // Stored first from a combined release, which the subgroup file's All row outranks (precedence, issue 22).
        var stored = temp.Write("00_mobility-metrics_stored.csv", "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality", "2023,01,001,0.60,0.57,0.63,1");
        var accept = new ImportOptions { AcceptPartial = true };

        // A repeated whole-population line: staged, found by the duplicate check.
        var staged = temp.Write("repeat-all.csv", Header,
            "2023,01,001,Autauga County,all,All,0.61,0.58,0.64,1",
            "2023,01,001,Autauga County,race-ethnicity,Black,0.50,0.45,0.55,2",
            "2023,1,1,Autauga County,all,All,0.62,0.59,0.65,1");
        // A repeated subgroup line: written straight in, refused by the unique key; the file is read again staged.
        var direct = temp.Write("repeat-subgroup.csv", Header,
            "2023,01,001,Autauga County,all,All,0.61,0.58,0.64,1",
            "2023,01,001,Autauga County,race-ethnicity,Black,0.50,0.45,0.55,2",
            "2023,01,1,Autauga County,race-ethnicity, Black ,0.51,0.46,0.56,2");

        foreach (var (file, repeatOf) in new[] { (staged, 2), (direct, 3) })
        {
            await using var db = await ImportTestDatabase.CreateAsync(provider);
            await db.ImportCleanlyAsync(stored);
            var report = await db.ImportAsync(file, accept);
            Assert.Equal(ImportOutcome.Imported, report.Outcome);
            Assert.Equal((3, 1, 1, 1), (report.RowsRead, report.RowsRejected, report.ValuesInserted, report.ValuesReplaced));
            var problem = Assert.Single(report.Problems);
            Assert.Equal((4, $"duplicate key inside the file: same place, year, subgroup and metric as line {repeatOf}"), (problem.Line, problem.Message));
            Assert.Equal(0.61, (await db.ValueAsync("01001", "share_employed", 2023)).Value);
            Assert.Equal(0.50, (await db.ValueAsync("01001", "share_employed", 2023, "race-ethnicity", "Black")).Value);
            Assert.Equal(2, await db.CountValuesAsync());
        }
    }
}
