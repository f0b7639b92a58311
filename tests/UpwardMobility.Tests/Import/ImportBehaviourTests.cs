using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>Upsert, idempotence, replace and rollback (also chained), dry run: each on a fresh database per provider.</summary>
public class ImportBehaviourTests
{
    private const string DebtFile = "components/share_debt_2018.csv"; // 3,142 rows, _ub before _lb, 197 NA rows
    private const string IndustryFile = "released/19_mobility-metrics_county_industry_longitudinal.csv"; // subgroups, names, Strong/Weak

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Importing_the_same_file_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var files = new[]
        {
            (File: UrbanSource.PathOf(IndustryFile), Values: UrbanSource.ReadValues(IndustryFile).Count, Populations: 0),
            (File: temp.Write("populations.csv", Versions.Z), Values: 3, Populations: 3),
        };
        foreach (var (file, values, populations) in files)
        {
            var first = await db.ImportCleanlyAsync(file);
            Assert.Equal((values, populations), (first.ValuesInserted, first.PopulationsWritten));
            var after = await db.SnapshotAsync();
            var second = await db.ImportCleanlyAsync(file);

            Assert.Equal(0, second.ValuesInserted);
            Assert.Equal(0, second.ValuesReplaced);
            Assert.Equal(first.ValuesInserted, second.ValuesUnchanged);
            Assert.Equal(first.ValuesRead, second.ValuesRead);
            Assert.Equal(first.RowsRead, second.RowsRead);
            Assert.Equal(0, second.PopulationsWritten);
            Assert.Equal(first.Sha256, second.Sha256);
            Assert.NotEqual(first.ImportId, second.ImportId);
            // Unchanged values still belong to the first import: rolling the second back must not touch them.
            (await db.SnapshotAsync()).AssertSameAs(after, $"after importing {file} a second time");

            var rollback = await db.History.RollbackAsync(second.ImportId!.Value, "tester");
            Assert.True(rollback.Done, rollback.Message);
            Assert.Equal((0, 0), (rollback.ValuesRemoved, rollback.ValuesRestored));
            (await db.SnapshotAsync()).AssertSameAs(after, "after rolling back the import that changed nothing");
        }
        Assert.Equal(UrbanSource.ReadValues(IndustryFile).Count + 3, await db.CountValuesAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_modified_copy_replaces_exactly_the_changed_values_and_rollbacks_restore_them(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var before = await db.SnapshotAsync();

        var original = await db.ImportCleanlyAsync(UrbanSource.PathOf(DebtFile));
        Assert.Equal(2945, original.ValuesInserted);
        var afterOriginal = await db.SnapshotAsync();

        var modified = temp.EditedCopy(UrbanSource.PathOf(DebtFile), "share_debt_2018_corrected.csv", (line, number) => number switch
        {
            2 => "2018,01,001,0.35,0.391232,0.3288559,1",      // value changed (01001)
            3 => "2018,01,003,NA,NA,NA,NA",                    // now missing: a missing cell never deletes a stored value
            206 => "2018,06,037,0.2736868,0.2758053,0.2715683,2", // quality changed only (06037)
            1804 => "2018,35,013,0.3845694,0.4010611,0.37,1",  // lower bound changed only (35013)
            _ => line,
        });
        var corrected = await db.ImportCleanlyAsync(modified);
        Assert.Equal(0, corrected.ValuesInserted);
        Assert.Equal(3, corrected.ValuesReplaced);
        Assert.Equal(2945 - 3 - 1, corrected.ValuesUnchanged);
        Assert.Equal(new StoredValue(0.35, 0.3288559, 0.391232, DataQuality.Strong, null), await db.ValueAsync("01001", "share_debt_coll", 2018));
        Assert.Equal(new StoredValue(0.2832043, 0.2679628, 0.2984458, DataQuality.Strong, null), await db.ValueAsync("01003", "share_debt_coll", 2018));
        Assert.Equal(DataQuality.Marginal, (await db.ValueAsync("06037", "share_debt_coll", 2018)).Quality);
        Assert.Equal(0.37, (await db.ValueAsync("35013", "share_debt_coll", 2018)).LowerBound);
        var afterCorrected = await db.SnapshotAsync();
        Assert.Equal(3, afterCorrected.ReplacedValueRecords);
        Assert.Equal(3, afterCorrected.Values.Count(v => v.ImportId == corrected.ImportId));

        var undoCorrected = await db.History.RollbackAsync(corrected.ImportId!.Value, "tester");
        Assert.True(undoCorrected.Done, undoCorrected.Message);
        Assert.Equal((3, 3), (undoCorrected.ValuesRemoved, undoCorrected.ValuesRestored));
        (await db.SnapshotAsync()).AssertSameAs(afterOriginal, "after rolling back the corrected copy");

        var undoOriginal = await db.History.RollbackAsync(original.ImportId!.Value, "tester");
        Assert.True(undoOriginal.Done, undoOriginal.Message);
        Assert.Equal((2945, 0), (undoOriginal.ValuesRemoved, undoOriginal.ValuesRestored));
        (await db.SnapshotAsync()).AssertSameAs(before, "after rolling back both imports");

        var again = await db.History.RollbackAsync(original.ImportId!.Value, "tester");
        Assert.False(again.Done);
        Assert.Contains("already rolled back", again.Message);
        Assert.False((await db.History.RollbackAsync(999_999, "tester")).Done);

        var history = await db.History.ListAsync();
        Assert.All(history, h => Assert.Equal(ImportStatus.RolledBack, h.Status));
        Assert.All(history, h => Assert.Equal("tester", h.RolledBackBy));
        Assert.All(history, h => Assert.NotNull(h.RolledBackAtUtc));
    }

    /// <summary>Three versions of a small file with populations: Z, then A replacing some of Z, then B replacing some of A.</summary>
    private static class Versions
    {
        public const string Header = "year,state,county,state_name,county_name,population,share_employed,share_employed_lb,share_employed_ub,share_employed_quality";

        public static readonly string[] Z =
        [
            Header,
            "2023,01,001,Alabama,Autauga County,59000,0.60,0.55,0.65,1",
            "2023,01,003,Alabama,Baldwin County,250000,0.62,0.60,0.64,1",
            "2023,01,005,Alabama,Barbour County,24000,0.48,0.44,0.52,2",
        ];

        public static readonly string[] A =
        [
            Header,
            "2023,01,001,Alabama,Autauga County,59100,0.61,0.55,0.65,1", // replaces Z's value and population
            "2023,01,003,Alabama,Baldwin County,250000,0.62,0.60,0.64,1", // as in Z
            "2023,01,005,Alabama,Barbour County,24100,0.48,0.44,0.52,3",  // replaces Z's quality and population
            "2023,01,007,Alabama,Bibb County,22000,0.50,0.45,0.55,2",     // new
        ];

        public static readonly string[] B =
        [
            Header,
            "2023,01,001,Alabama,Autauga County,59200,0.63,0.55,0.65,1", // replaces A's value and population
            "2023,01,005,Alabama,Barbour County,24100,0.48,0.44,0.52,3",  // as in A
            "2023,01,007,Alabama,Bibb County,22500,0.52,0.45,0.55,2",     // replaces the value and population A added
            "2023,01,009,Alabama,Blount County,59000,0.58,0.54,0.62,1",   // new
        ];
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rolling_back_in_reverse_order_restores_each_earlier_state(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var z = await db.ImportCleanlyAsync(temp.Write("z.csv", Versions.Z));
        var afterZ = await db.SnapshotAsync();
        var a = await db.ImportCleanlyAsync(temp.Write("a.csv", Versions.A));
        Assert.Equal((1, 2, 1), (a.ValuesInserted, a.ValuesReplaced, a.ValuesUnchanged));
        Assert.Equal(3, a.PopulationsWritten);
        var afterA = await db.SnapshotAsync();
        var b = await db.ImportCleanlyAsync(temp.Write("b.csv", Versions.B));
        Assert.Equal((1, 2, 1), (b.ValuesInserted, b.ValuesReplaced, b.ValuesUnchanged));
        Assert.Equal(3, b.PopulationsWritten);

        Assert.True((await db.History.RollbackAsync(b.ImportId!.Value, null)).Done);
        (await db.SnapshotAsync()).AssertSameAs(afterA, "after rolling back B");
        Assert.True((await db.History.RollbackAsync(a.ImportId!.Value, null)).Done);
        (await db.SnapshotAsync()).AssertSameAs(afterZ, "after rolling back B then A");
        Assert.True((await db.History.RollbackAsync(z.ImportId!.Value, null)).Done);
        var empty = await db.SnapshotAsync();
        Assert.Empty(empty.Values);
        Assert.Empty(empty.Populations);
        Assert.Equal(0, empty.ReplacedValueRecords);
        Assert.Equal(0, empty.ReplacedPopulationRecords);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rolling_back_an_import_a_later_one_replaced_and_then_the_later_one_restores_the_state_before_both(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        await db.ImportCleanlyAsync(temp.Write("z.csv", Versions.Z));
        var afterZ = await db.SnapshotAsync();
        var a = await db.ImportCleanlyAsync(temp.Write("a.csv", Versions.A));
        var b = await db.ImportCleanlyAsync(temp.Write("b.csv", Versions.B));

        // Roll back A first: what B wrote stays B's; what only A wrote goes; what A replaced and B did not comes back.
        var undoA = await db.History.RollbackAsync(a.ImportId!.Value, null);
        Assert.True(undoA.Done, undoA.Message);
        var values = await db.ValuesOfAsync("01001");
        Assert.Equal(0.63, (await db.ValueAsync("01001", "share_employed", 2023)).Value);  // B's
        Assert.Equal(0.52, (await db.ValueAsync("01007", "share_employed", 2023)).Value);  // B's
        Assert.Equal(0.62, (await db.ValueAsync("01003", "share_employed", 2023)).Value);  // Z's, untouched by A
        Assert.Equal(0.58, (await db.ValueAsync("01009", "share_employed", 2023)).Value);  // B's
        Assert.Equal(DataQuality.Marginal, (await db.ValueAsync("01005", "share_employed", 2023)).Quality); // Z's again
        Assert.Equal(59200, (await db.GeographyAsync("01001")).Populations.Single(p => p.Year == 2023).Population); // B's
        Assert.Equal(24000, (await db.GeographyAsync("01005")).Populations.Single(p => p.Year == 2023).Population); // Z's again
        Assert.Single(values);

        // Then B: everything is as it was after Z alone, populations included.
        var undoB = await db.History.RollbackAsync(b.ImportId!.Value, null);
        Assert.True(undoB.Done, undoB.Message);
        (await db.SnapshotAsync()).AssertSameAs(afterZ, "after rolling back A, then B");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Chained_rollback_from_an_empty_table_leaves_it_empty(DatabaseProvider provider)
    {
        // The brief's chained case: A, then B replacing A's values; roll back A, then B: the table as before A.
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var before = await db.SnapshotAsync();
        var a = await db.ImportCleanlyAsync(temp.Write("a.csv", Versions.A));
        var b = await db.ImportCleanlyAsync(temp.Write("b.csv", Versions.B));
        Assert.Equal((1, 2, 1), (b.ValuesInserted, b.ValuesReplaced, b.ValuesUnchanged));

        Assert.True((await db.History.RollbackAsync(a.ImportId!.Value, null)).Done);
        Assert.True((await db.History.RollbackAsync(b.ImportId!.Value, null)).Done);
        (await db.SnapshotAsync()).AssertSameAs(before, "after rolling back A, then B");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_dry_run_writes_nothing_and_reports_what_the_real_run_does(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var files = new[]
        {
            UrbanSource.PathOf(DebtFile),
            temp.Write("z.csv", Versions.Z),   // values and populations
            temp.Write("a.csv", Versions.A),   // replacing some of both
            temp.EditedCopy(UrbanSource.PathOf(DebtFile), "share_debt_2018_corrected.csv",
                (line, number) => number == 2 ? "2018,01,001,0.35,0.391232,0.3288559,1" : line),
            temp.Write("new_value.csv", "year,state,county,county_name,share_employed", "2023,02,013,Not Read Borough,0.5"),
            UrbanSource.PathOf("components/metrics_overall_debt_coll_all_county_2023.csv"),
        };
        foreach (var file in files)
        {
            var before = await db.SnapshotAsync();
            var historyBefore = (await db.History.ListAsync()).Count;
            var dry = await db.ImportAsync(file, new ImportOptions { DryRun = true });
            Assert.Equal(ImportOutcome.DryRun, dry.Outcome);
            Assert.Null(dry.ImportId);
            (await db.SnapshotAsync()).AssertSameAs(before, $"after a dry run of {file}");
            Assert.Equal(historyBefore, (await db.History.ListAsync()).Count);

            var real = await db.ImportCleanlyAsync(file);
            Assert.Equal(
                (real.RowsRead, real.RowsRejected, real.ValuesRead, real.MissingCells, real.ValuesInserted, real.ValuesReplaced, real.ValuesUnchanged, real.PopulationsWritten),
                (dry.RowsRead, dry.RowsRejected, dry.ValuesRead, dry.MissingCells, dry.ValuesInserted, dry.ValuesReplaced, dry.ValuesUnchanged, dry.PopulationsWritten));
            Assert.Equal(real.UnknownColumns, dry.UnknownColumns);
            Assert.Equal(real.Warnings, dry.Warnings);
            Assert.Equal(real.Sha256, dry.Sha256);
            Assert.Equal(real.Metrics, dry.Metrics);
        }
        // A file's place names are never read: the county keeps the Census list's name.
        Assert.Equal("Aleutians East Borough", Assert.Single((await db.SnapshotAsync()).Geographies, g => g.Fips == "02013").Name);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_dry_run_of_a_file_with_rejected_rows_reports_them_like_the_real_run(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        var file = MalformedFiles.PathOf("partial_accept.csv");
        var before = await db.SnapshotAsync();
        var dry = await db.ImportAsync(file, new ImportOptions { DryRun = true });
        var real = await db.ImportAsync(file);
        Assert.Equal(ImportOutcome.NotImported, real.Outcome);
        Assert.Equal(real.Outcome, dry.Outcome);
        Assert.Equal(real.Problems, dry.Problems);
        Assert.Equal(real.RejectionCounts, dry.RejectionCounts);
        Assert.Equal((2, 6), (dry.RowsRejected, dry.RowsRead));
        (await db.SnapshotAsync()).AssertSameAs(before);

        var dryPartial = await db.ImportAsync(file, new ImportOptions { DryRun = true, AcceptPartial = true });
        Assert.Equal(ImportOutcome.DryRun, dryPartial.Outcome);
        Assert.Equal(3, dryPartial.ValuesInserted);
        (await db.SnapshotAsync()).AssertSameAs(before);
    }
}
