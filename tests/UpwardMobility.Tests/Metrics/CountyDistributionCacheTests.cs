using UpwardMobility.Core.Data;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Metrics;

/// <summary>
/// <see cref="CountyDistributionCache"/> over a real Urban file, on each provider: the cached percentiles and medians are
/// those of the file's counties, and an import or a rollback shows in the very next read.
/// </summary>
public class CountyDistributionCacheTests
{
    private const string DebtFile = "components/share_debt_2018.csv"; // one year, every county, some NA
    private const string Metric = "share_debt_coll";
    private const short Year = 2018;
    private const string All = Subgroups.AllType;
    private const string Whole = Subgroups.All;
    private const string National = MetricStatistic.NationalScope;

    private static CountyDistributionCache CacheOf(ImportTestDatabase db) => new(db.Factory, new DataVersion(db.Factory));

    /// <summary>The file's whole-population values of the metric in the year, by county FIPS.</summary>
    private static Dictionary<string, double> SourceValues() => UrbanSource.ReadValues(DebtFile)
        .Where(kv => kv.Key.Metric == Metric && kv.Key.Year == Year && kv.Key.SubgroupType == All && kv.Value.Value is not null)
        .ToDictionary(kv => kv.Key.Fips, kv => kv.Value.Value!.Value, StringComparer.Ordinal);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Percentiles_and_medians_are_those_of_the_counties_in_the_file(DatabaseProvider provider)
    {
        // With the city list: an import never creates a city (issue 27).
        await using var db = await ImportTestDatabase.CreateAsync(provider, withCities: true);
        using var temp = new TempFolder();
        await db.ImportCleanlyAsync(UrbanSource.PathOf(DebtFile));
        // A city above every county: cities are never ranked with counties.
        await db.ImportCleanlyAsync(temp.Write("city.csv", "year,state,place,place_name,share_debt_coll", "2018,06,44000,Los Angeles city,0.99"));
        var metricId = await db.MetricIdAsync(Metric);
        var source = SourceValues();
        var values = source.Values.ToList();
        Assert.True(values.Count > 2900);

        var d = await CacheOf(db).GetAsync([metricId]);

        foreach (var (fips, value) in source)
        {
            var percentRank = (double)values.Count(v => v < value) / (values.Count - 1);
            Assert.True(percentRank == d.Percentile(metricId, Year, All, Whole, value), $"{fips}: percent_rank {percentRank}, cached {d.Percentile(metricId, Year, All, Whole, value)}");
        }
        var national = d.Statistic(metricId, Year, All, Whole, National);
        Assert.NotNull(national);
        Assert.Equal((values.Count, values.Min(), values.Max()), (national.Count, national.Min, national.Max));
        UrbanSource.AssertClose(Median(values), national.Median, "national median");
        var california = source.Where(kv => kv.Key.StartsWith("06", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
        var state = d.Statistic(metricId, Year, All, Whole, "06");
        Assert.Equal(california.Count, state!.Count);
        UrbanSource.AssertClose(Median(california), state.Median, "California median");
        Assert.Equal([new CountyGroupKey(Year, All, Whole)], d.Groups(metricId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_import_or_a_rollback_shows_in_the_next_read(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        await db.ImportCleanlyAsync(UrbanSource.PathOf(DebtFile));
        var metricId = await db.MetricIdAsync(Metric);
        var cache = CacheOf(db);
        var before = await cache.GetAsync([metricId]);
        var statistic = before.Statistic(metricId, Year, All, Whole, National)!;
        var autauga = SourceValues()["01001"];
        Assert.True(autauga < statistic.Max);

        // Unchanged data: the same snapshot, also to requests racing for it.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetAsync([metricId])));
        Assert.All(concurrent, d => Assert.Same(before, d));

        // Autauga County becomes the highest of all.
        var raise = await db.ImportCleanlyAsync(temp.Write("raise.csv", "year,state,county,share_debt_coll", "2018,01,001,0.95"));
        var after = await cache.GetAsync([metricId]);
        Assert.Equal(1.0, after.Percentile(metricId, Year, All, Whole, 0.95));
        var raised = after.Statistic(metricId, Year, All, Whole, National)!;
        Assert.Equal((statistic.Count, 0.95), (raised.Count, raised.Max));
        Assert.Equal(statistic, before.Statistic(metricId, Year, All, Whole, National)); // a snapshot handed out never changes

        await db.History.RollbackAsync(raise.ImportId!.Value, "tester");
        var restored = await cache.GetAsync([metricId]);
        Assert.Equal(statistic, restored.Statistic(metricId, Year, All, Whole, National));
        Assert.Equal(before.Percentile(metricId, Year, All, Whole, autauga), restored.Percentile(metricId, Year, All, Whole, autauga));
    }

    [Fact]
    public async Task A_metric_without_county_values_is_known_and_has_no_groups()
    {
        await using var db = await ImportTestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var metricId = await db.MetricIdAsync(Metric);

        var d = await CacheOf(db).GetAsync([metricId]);

        Assert.Empty(d.Groups(metricId));
        Assert.Null(d.Percentile(metricId, Year, All, Whole, 0.5));
        Assert.Null(d.Statistic(metricId, Year, All, Whole, National));
    }
}
