using System.Text.Json;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>The malformed corpus: <c>Import/Malformed/*.csv</c>, each with its expected report in <c>cases.json</c>.</summary>
public static class MalformedFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Import", "Malformed");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public sealed record ExpectedProblem(int Line, string Column, string? Text, string Reason);

    public sealed record ExpectedValue(string Fips, string Metric, int Year, double? Value, double? Lower, double? Upper, DataQuality Quality);

    public sealed record Case(
        string File, string Why, short? Year, bool AcceptPartial, ImportOutcome Outcome, List<string>? FatalError,
        int? RowsRead, int? RowsRejected, List<ExpectedProblem>? Problems, string? Encoding, int? ValuesInserted,
        List<string>? UnknownColumns, List<ExpectedValue>? Imported)
    {
        public override string ToString() => File;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static IReadOnlyList<Case> All { get; } =
        JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(PathOf("cases.json")), Json)!;

    public static TheoryData<string> Names => new(All.Select(c => c.File));

    public static Case Get(string file) => All.Single(c => c.File == file);
}

public sealed class PostgresMalformedDatabase() : ImportDatabaseFixture(DatabaseProvider.Postgres);

public sealed class SqliteMalformedDatabase() : ImportDatabaseFixture(DatabaseProvider.Sqlite);

public abstract class MalformedFileTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ImportDatabaseFixture
{
    [Fact]
    public void The_corpus_has_at_least_25_files_each_with_its_expected_report()
    {
        var files = Directory.GetFiles(MalformedFiles.Folder, "*.csv").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.True(files.Count >= 25, $"Only {files.Count} malformed files.");
        Assert.Equal(files, MalformedFiles.All.Select(c => c.File).Order().ToList());
        Assert.All(MalformedFiles.All, c => Assert.True(c.FatalError is { Count: > 0 } || c.Problems is not null || c.Outcome == ImportOutcome.Imported, c.File));
    }

    [Theory]
    [MemberData(nameof(MalformedFiles.Names), MemberType = typeof(MalformedFiles))]
    public async Task Malformed_file_gets_its_report_and_leaves_the_database_unchanged(string file)
    {
        var expected = MalformedFiles.Get(file);
        var db = fixture.Db;
        var before = await db.SnapshotAsync();
        var historyBefore = (await db.History.ListAsync()).Count;

        var report = await db.ImportAsync(MalformedFiles.PathOf(file), new ImportOptions { Year = expected.Year, AcceptPartial = expected.AcceptPartial });

        var summary = $"{file} ({expected.Why}): {report.Summary}\n" + string.Join("\n", report.Problems);
        Assert.True(expected.Outcome == report.Outcome, summary);
        if (expected.FatalError is { } fatal)
        {
            Assert.NotNull(report.FatalError);
            Assert.All(fatal, part => Assert.Contains(part, report.FatalError));
            Assert.Empty(report.Problems);
        }
        else
        {
            Assert.Null(report.FatalError);
        }
        if (expected.RowsRead is { } rowsRead)
        {
            Assert.True(rowsRead == report.RowsRead, $"rows read: expected {rowsRead}; {summary}");
        }
        Assert.True((expected.RowsRejected ?? 0) == report.RowsRejected, $"rows rejected: expected {expected.RowsRejected ?? 0}; {summary}");
        var problems = report.Problems.Select(p => new MalformedFiles.ExpectedProblem(p.Line, p.Column, p.Text, p.Message)).ToList();
        Assert.Equal(expected.Problems ?? [], problems);
        Assert.Equal(problems.Count, report.RejectionCounts.Values.Sum());
        if (expected.Encoding is { } encoding)
        {
            Assert.Equal(encoding, report.Encoding);
        }
        if (expected.UnknownColumns is { } unknown)
        {
            Assert.Equal(unknown, report.UnknownColumns);
        }

        if (report.Outcome != ImportOutcome.Imported)
        {
            Assert.Null(report.ImportId);
            (await db.SnapshotAsync()).AssertSameAs(before, file);
            Assert.Equal(historyBefore, (await db.History.ListAsync()).Count);
            return;
        }

        // Imported (the valid rows of a partial file): exactly the expected values, nothing else.
        Assert.Equal(expected.ValuesInserted, report.ValuesInserted);
        var after = await db.SnapshotAsync();
        Assert.Equal(before.Values.Count + report.ValuesInserted, after.Values.Count);
        foreach (var value in expected.Imported ?? [])
        {
            Assert.Equal(new StoredValue(value.Value, value.Lower, value.Upper, value.Quality, null), await db.ValueAsync(value.Fips, value.Metric, value.Year));
        }
        Assert.Equal(report.ValuesInserted, after.Values.Count(v => v.ImportId == report.ImportId));
        var rollback = await db.History.RollbackAsync(report.ImportId!.Value, null);
        Assert.True(rollback.Done, rollback.Message);
        (await db.SnapshotAsync()).AssertSameAs(before, $"{file} rolled back");
    }
}

public sealed class PostgresMalformedFileTests(PostgresMalformedDatabase fixture) : MalformedFileTests<PostgresMalformedDatabase>(fixture);

public sealed class SqliteMalformedFileTests(SqliteMalformedDatabase fixture) : MalformedFileTests<SqliteMalformedDatabase>(fixture);
