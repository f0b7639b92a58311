using UpwardMobility.Core.Data;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// Each real file alone into an otherwise empty values table (one database per provider, emptied again by rolling the
/// import back): imported cleanly, exactly the file's values stored, and the rollback leaves nothing behind.
/// </summary>
public abstract class EachFileAloneTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ImportDatabaseFixture
{
    public static TheoryData<string> AllFiles => new(UrbanSource.AllFiles);

    /// <summary>
    /// A file of each kind and quirk, for SQLite: every file alone on both providers costs more of the suite's time
    /// than it adds (the whole set is imported on both, together, by <see cref="FullImportTests{TFixture}"/>).
    /// </summary>
    public static TheoryData<string> RepresentativeFiles => new(Representative);

    protected static readonly string[] Representative =
    [
        "components/SEDA_all_county_2014-2018.csv",                 // alias learning_rate, negative bounds
        "components/county-populations.csv",                        // populations only, Windows-1252 and UTF-8 lines
        "components/homelessness_all_county.csv",                    // aliases, one quality flag for two metrics
        "components/households_house_value_race_ethnicity_all_county.csv", // a:b values, 0.000:0.000
        "components/housing_county_2014_2015_2016_2017_2018_2019_2021_2022_2023.csv", // tenure/All, ratios above 1
        "components/metrics_overall_debt_coll_all_county_2023.csv",  // FIPS written 1,1
        "components/share_debt_2018.csv",                            // _ub before _lb
        "components/digital_access_county_all_longitudinal.csv",     // quoted header and FIPS
        "released/16_mobility-metrics_county_gender_longitudinal.csv", // Strong/Marginal/Weak, names, subgroup before type
        "released/19_mobility-metrics_county_industry_longitudinal.csv", // labels with commas
        "subgroups/rate_injury_deaths_metric_subgroup_county.csv",   // race-ethncity
    ];

    protected async Task AssertImportsAloneAsync(string file)

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

public sealed class PostgresEachFileAloneTests(PostgresEachFileAloneDatabase fixture) : EachFileAloneTests<PostgresEachFileAloneDatabase>(fixture)
{
    [Theory]
    [MemberData(nameof(AllFiles))]
    public Task File_imports_alone_with_exactly_its_values_and_rolls_back_to_nothing(string file) => AssertImportsAloneAsync(file);
}

public sealed class SqliteEachFileAloneTests(SqliteEachFileAloneDatabase fixture) : EachFileAloneTests<SqliteEachFileAloneDatabase>(fixture)
{
    [Theory]
    [MemberData(nameof(RepresentativeFiles))]
    public Task File_imports_alone_with_exactly_its_values_and_rolls_back_to_nothing(string file) => AssertImportsAloneAsync(file);

    [Fact]
    public void The_representative_files_are_real_files() =>
        Assert.All(Representative, file => Assert.Contains(file, UrbanSource.AllFiles));
}
