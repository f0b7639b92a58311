using UpwardMobility.Core.Data;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Metrics;

/// <summary>Real files imported once per provider: employment (benchmarks kept), juvenile arrests (blank), populations.</summary>
public abstract class BenchmarkFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string EmploymentFile = "components/metrics_employment_county_all_longitudinal.csv";
    public const string ArrestsFile = "components/rate_arrests_county_all.csv";
    public const string PopulationFile = "components/county-populations.csv";

    public ImportTestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await ImportTestDatabase.CreateAsync(provider);
        foreach (var file in new[] { PopulationFile, EmploymentFile, ArrestsFile })
        {
            await Db.ImportCleanlyAsync(UrbanSource.PathOf(file));
        }
    }

    public async Task DisposeAsync()
    {
        if (Db is not null)
        {
            await Db.DisposeAsync();
        }
    }
}

public sealed class SqliteBenchmarkFixture() : BenchmarkFixture(DatabaseProvider.Sqlite);

public sealed class PostgresBenchmarkFixture() : BenchmarkFixture(DatabaseProvider.Postgres);

/// <summary>
/// The cached benchmarks against an independent computation from the source files: the test reads the metric file and
/// <c>county-populations.csv</c> itself, weighs each county by its population that year, and finds the middle person.
/// </summary>
public abstract class BenchmarkRealDataTests(BenchmarkFixture fixture)
{
    private const string US = MetricStatistic.NationalScope;

    private async Task<(CountyDistributions D, int MetricId)> LoadAsync(string metric)
    {
        var id = await fixture.Db.MetricIdAsync(metric);
        var cache = new CountyDistributionCache(fixture.Db.Factory, new DataVersion(fixture.Db.Factory));
        return (await cache.GetAsync([id]), id);
    }

    [Fact]
    public async Task Employment_benchmarks_are_the_population_weighted_medians_of_the_source_files()
    {
        var (d, id) = await LoadAsync("share_employed");
        short[] years = [2014, 2018, 2021, 2023];
        foreach (var year in years)
        {
            var (median, missing) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", year);
            var benchmark = d.Benchmark(id, year, Subgroups.AllType, Subgroups.All, US)!;
            Assert.True(missing < 0.15, $"{year}: {missing:P1} missing or Weak");
            Assert.Equal(missing, benchmark.MissingOrWeakShare, 9);
            UrbanSource.AssertClose(median, benchmark.Value, $"US weighted median {year}");
            Assert.Null(benchmark.SuppressedReason);
            // It is a different figure from the plain median of counties (the typical county).
            Assert.NotEqual(d.Statistic(id, year, Subgroups.AllType, Subgroups.All, US)!.Median, benchmark.Value!.Value, 6);
        }
        foreach (var state in new[] { "06", "48", "01" })
        {
            var (median, missing) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", 2021, state);
            var benchmark = d.Benchmark(id, 2021, Subgroups.AllType, Subgroups.All, state)!;
            Assert.Equal(missing, benchmark.MissingOrWeakShare, 9);
            UrbanSource.AssertClose(missing <= 0.15 ? median : null, benchmark.Value, $"state {state} weighted median");
        }
    }

    [Fact]
    public async Task Juvenile_arrests_leave_the_US_benchmark_blank_as_too_much_of_the_population_is_missing_or_Weak()
    {
        var (d, id) = await LoadAsync("rate_juv_arrest");
        foreach (var year in new short[] { 2021, 2022, 2023 })
        {
            var (median, missing) = IndependentBenchmark.Of(BenchmarkFixture.ArrestsFile, "rate_juv_arrest", year);
            var benchmark = d.Benchmark(id, year, Subgroups.AllType, Subgroups.All, US)!;
            Assert.True(missing > 0.15 && median is not null, $"{year}: the source has {missing:P1} missing or Weak");
            Assert.Null(benchmark.Value);
            Assert.Equal(missing, benchmark.MissingOrWeakShare, 9);
            Assert.Contains($"{Math.Round(missing * 100, MidpointRounding.AwayFromZero):0}% of the US population", benchmark.SuppressedReason, StringComparison.Ordinal);
            // The typical county is still there, for the pages that show it as such.
            Assert.NotNull(d.Statistic(id, year, Subgroups.AllType, Subgroups.All, US));
        }
    }
}

public sealed class SqliteBenchmarkRealDataTests(SqliteBenchmarkFixture fixture)
    : BenchmarkRealDataTests(fixture), IClassFixture<SqliteBenchmarkFixture>;

public sealed class PostgresBenchmarkRealDataTests(PostgresBenchmarkFixture fixture)
    : BenchmarkRealDataTests(fixture), IClassFixture<PostgresBenchmarkFixture>;
