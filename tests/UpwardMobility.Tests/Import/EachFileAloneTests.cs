using UpwardMobility.Core.Data;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// Each real file alone into an otherwise empty values table (one database per provider, emptied again by rolling the
/// import back): imported cleanly, exactly the file's values stored, and the rollback leaves nothing behind.
/// </summary>
public abstract class EachFileAloneTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ImportDatabaseFixture
{
    public static TheoryData<string> RepresentativeFiles => new(Representative);

    /// <summary>
    /// A file of each kind and quirk. Every file alone on both providers took more than four minutes of the suite
    /// (measured on 2 cores): the whole set is imported on both providers together by
    /// <see cref="FullImportTests{TFixture}"/>, whose checks cover the quirks of the files left out here.
    /// </summary>
    protected static readonly string[] Representative =
    [
        "components/SEDA_all_county_2014-2018.csv",                 // alias learning_rate, negative bounds
        "components/county-populations.csv",                        // populations only, Windows-1252 and UTF-8 lines
        "components/homelessness_all_county.csv",                   // aliases, one quality flag for two metrics
        "components/metrics_overall_debt_coll_all_county_2023.csv", // FIPS written 1,1
        "components/share_debt_2018.csv",                           // _ub before _lb
        "components/digital_access_county_all_longitudinal.csv",    // quoted header and FIPS
        "released/19_mobility-metrics_county_industry_longitudinal.csv", // names, subgroup before type, labels with commas
        "subgroups/rate_injury_deaths_metric_subgroup_county.csv",  // race-ethncity
    ];

    [Theory]
    [MemberData(nameof(RepresentativeFiles))]
    public Task File_imports_alone_with_exactly_its_values_and_rolls_back_to_nothing(string file) => AssertImportsAloneAsync(file);

    [Fact]
    public void The_representative_files_are_real_files() =>
        Assert.All(Representative, file => Assert.Contains(file, UrbanSource.AllFiles));

    private async Task AssertImportsAloneAsync(string file)
    {
        var db = fixture.Db;
        var before = await db.SnapshotAsync();
        Assert.Empty(before.Values);

        var report = await db.ImportCleanlyAsync(UrbanSource.PathOf(file));
        var (rows, values) = UrbanSource.AllFilesSummary.Files[file];
        Assert.Equal(rows, report.RowsRead);
        Assert.Equal((values, 0, 0), (report.ValuesInserted, report.ValuesReplaced, report.ValuesUnchanged));
        Assert.Equal(values, await db.CountValuesAsync());
        Assert.Empty(report.UnknownColumns);
        Assert.Empty(report.NewGeographies);

        var rollback = await db.History.RollbackAsync(report.ImportId!.Value, null);
        Assert.True(rollback.Done, rollback.Message);
        Assert.Equal((values, 0), (rollback.ValuesRemoved, rollback.ValuesRestored));
        (await db.SnapshotAsync()).AssertSameAs(before, $"after rolling back {file}");
    }
}

public sealed class PostgresEachFileAloneDatabase() : ImportDatabaseFixture(DatabaseProvider.Postgres);

public sealed class SqliteEachFileAloneDatabase() : ImportDatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresEachFileAloneTests(PostgresEachFileAloneDatabase fixture) : EachFileAloneTests<PostgresEachFileAloneDatabase>(fixture);

public sealed class SqliteEachFileAloneTests(SqliteEachFileAloneDatabase fixture) : EachFileAloneTests<SqliteEachFileAloneDatabase>(fixture);
