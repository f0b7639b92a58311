using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>Two imports at once, and imports cancelled part-way: the database stays consistent.</summary>
public class ConcurrencyAndCancellationTests
{
    // Overlapping files: the income file repeats every value of the all-population file (9,430 of them).
    private const string DigitalAll = "components/digital_access_county_all_longitudinal.csv";
    private const string DigitalIncome = "subgroups/digital_access_county_income_longitudinal.csv";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_different_files_at_once_give_the_sequential_result(DatabaseProvider provider)
    {
        using var temp = new TempFolder();
        var all = UrbanSource.PathOf(DigitalAll);
        // The first 6,000 rows of the income file: 2,000 of its values repeat the all-population file's.
        var income = temp.EditedCopy(UrbanSource.PathOf(DigitalIncome), "digital_income_part.csv", (line, n) => n <= 6001 ? line : null);
        var shared = UrbanSource.ReadValues(all).Keys.Intersect(UrbanSource.ReadValues(income).Keys).Count();
        Assert.InRange(shared, 1900, 2100);

        await using var sequential = await ImportTestDatabase.CreateAsync(provider);
        await sequential.ImportCleanlyAsync(all);
        await sequential.ImportCleanlyAsync(income);
        var expected = await sequential.SnapshotAsync();

        await using var concurrent = await ImportTestDatabase.CreateAsync(provider);
        var reports = await Task.WhenAll(Task.Run(() => concurrent.ImportAsync(income)), Task.Run(() => concurrent.ImportAsync(all)));
        Assert.All(reports, ImportTestDatabase.AssertCleanImport);
        var actual = await concurrent.SnapshotAsync();
        // Which file ran first decides which import owns the shared values, not what they are.
        actual.AssertSameAs(expected, "two files imported at once", compareImportIds: false);
        Assert.Equal(shared, reports.Sum(r => r.ValuesUnchanged));
        Assert.Equal(expected.Values.Count, reports.Sum(r => r.ValuesInserted));
        Assert.Equal(0, reports.Sum(r => r.ValuesReplaced));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_same_file_twice_at_once_is_imported_once_and_found_unchanged_once(DatabaseProvider provider)
    {
        var path = UrbanSource.PathOf(DigitalAll);
        await using var sequential = await ImportTestDatabase.CreateAsync(provider);
        await sequential.ImportCleanlyAsync(path);
        var expected = await sequential.SnapshotAsync();

        await using var concurrent = await ImportTestDatabase.CreateAsync(provider);
        var reports = await Task.WhenAll(Task.Run(() => concurrent.ImportAsync(path)), Task.Run(() => concurrent.ImportAsync(path)));
        Assert.All(reports, ImportTestDatabase.AssertCleanImport);
        var n = expected.Values.Count;
        Assert.Equal(9430, n);
        Assert.Equal([(0, 0, n), (n, 0, 0)], reports.Select(r => (r.ValuesInserted, r.ValuesReplaced, r.ValuesUnchanged)).Order().ToList());
        var actual = await concurrent.SnapshotAsync();
        actual.AssertSameAs(expected, "the same file imported twice at once", compareImportIds: false);
        var first = reports.Single(r => r.ValuesInserted == n).ImportId;
        Assert.All(actual.Values, v => Assert.Equal(first, v.ImportId));
    }

    /// <summary>Reports progress synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class CancelAt(CancellationTokenSource cts, Func<ImportProgress, bool> when) : IProgress<ImportProgress>
    {
        public List<int> Seen { get; } = [];

        public void Report(ImportProgress value)
        {
            Seen.Add(value.RowsRead);
            if (when(value))
            {
                cts.Cancel();
            }
        }
    }

    public static TheoryData<DatabaseProvider, string> CancelPoints => new()
    {
        { DatabaseProvider.Sqlite, "while reading" },
        { DatabaseProvider.Postgres, "while reading" },
        { DatabaseProvider.Sqlite, "after reading" },
        { DatabaseProvider.Postgres, "after reading" },
        { DatabaseProvider.Sqlite, "before starting" },
        { DatabaseProvider.Postgres, "before starting" },
    };

    [Theory]
    [MemberData(nameof(CancelPoints))]
    public async Task A_cancelled_import_leaves_the_database_as_it_was(DatabaseProvider provider, string when)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        // Something to keep: values and populations an earlier import wrote, some of which the cancelled one would replace.
        await db.ImportCleanlyAsync(temp.EditedCopy(UrbanSource.PathOf(DigitalAll), "first_rows.csv",
            (line, n) => n == 1 ? line : n > 500 ? null : line.EndsWith(",1", StringComparison.Ordinal) ? line[..^1] + "3" : line));
        await db.ImportCleanlyAsync(temp.Write("populations.csv", "year,state,county,population", "2023,01,001,1", "2023,01,003,2"));
        var before = await db.SnapshotAsync();
        var historyBefore = await db.History.ListAsync();

        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(cts, p => when switch
        {
            "while reading" => p.RowsRead >= 4096,
            "after reading" => p.RowsRead == 9430, // the last report, once every row is read: cancels the merge phase
            _ => false,
        });
        if (when == "before starting")
        {
            await cts.CancelAsync();
        }
        ImportReport? report = null;
        var exception = await Record.ExceptionAsync(async () =>
            report = await db.ImportAsync(UrbanSource.PathOf(DigitalAll), progress: progress, ct: cts.Token));

        Assert.True(exception is OperationCanceledException || report?.Outcome == ImportOutcome.Failed,
            $"Expected a cancellation, got {exception?.GetType().Name ?? report?.Summary}");
        if (when == "while reading")
        {
            Assert.InRange(progress.Seen.Max(), 4096, 5120);
        }
        (await db.SnapshotAsync()).AssertSameAs(before, $"after an import cancelled {when}");
        Assert.Equal(historyBefore.Count, (await db.History.ListAsync()).Count);

        // The importer is free again, and the same file imports in full.
        var again = await db.ImportCleanlyAsync(UrbanSource.PathOf(DigitalAll));
        Assert.Equal(9430, again.RowsRead);
        Assert.True(again.ValuesReplaced > 0);
        Assert.Equal(UrbanSource.ReadValues(DigitalAll).Count, await db.CountValuesAsync());
    }
}
