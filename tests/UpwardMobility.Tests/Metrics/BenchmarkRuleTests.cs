using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Metrics;

/// <summary>The population-weighted median and the 15% rule of <see cref="BenchmarkRule"/>, on hand-made counties.</summary>
public class BenchmarkRuleTests
{
    private const string US = MetricStatistic.NationalScope;

    private static WeightedCounty C(double? value, long population, DataQuality quality = DataQuality.Strong) => new(value, quality, population);

    [Fact]
    public void The_weighted_median_is_the_value_of_the_middle_person()
    {
        // 1 person at 1, 1 at 2, 1 at 3: the middle person has 2.
        Assert.Equal(2, BenchmarkRule.WeightedMedian([(3, 1), (1, 1), (2, 1)]));
        // Two people: Hmisc averages the two middle positions.
        Assert.Equal(1.5, BenchmarkRule.WeightedMedian([(1, 1), (2, 1)]));
        // A big county outweighs many small ones: 3 of 5 people live at 10.
        Assert.Equal(10, BenchmarkRule.WeightedMedian([(1, 1), (2, 1), (10, 3)]));
        // 100 people at 5 and 100 at 7: the 100th and 101st person straddle the two.
        Assert.Equal(6, BenchmarkRule.WeightedMedian([(7, 100), (5, 100)]));
        Assert.Null(BenchmarkRule.WeightedMedian([]));
    }

    [Fact]
    public void More_than_15_percent_missing_or_Weak_leaves_the_benchmark_blank_with_the_reason()
    {
        // 10% of people without a value and 6% with a Weak one: 16%.
        var counties = new[] { C(null, 10), C(0.9, 6, DataQuality.Weak), C(0.5, 50), C(0.6, 34) };

        var benchmark = BenchmarkRule.Compute(US, counties, 2021);

        Assert.Null(benchmark.Value);
        Assert.Equal(BenchmarkSuppression.TooMuchMissingOrWeak, benchmark.Suppression);
        Assert.Equal(0.16, benchmark.MissingOrWeakShare, 10);
        Assert.Equal(
            "Left blank: 16% of the US population lives in counties with no value or a Weak value for this year, more than the 15% Urban allows for a population-weighted median.",
            benchmark.SuppressedReason);
    }

    [Fact]
    public void Exactly_15_percent_keeps_the_value_and_Weak_values_count_in_the_median()
    {
        var counties = new[] { C(null, 10), C(0.9, 5, DataQuality.Weak), C(0.5, 40), C(0.6, 45) };

        var benchmark = BenchmarkRule.Compute("06", counties, 2021);

        Assert.Equal(0.15, benchmark.MissingOrWeakShare, 10);
        Assert.Null(benchmark.SuppressedReason);
        // 90 weighted people, the Weak one among them: positions 45 and 46 (after 40 at 0.5) hold 0.6.
        Assert.Equal(0.6, benchmark.Value);
        Assert.Equal(3, benchmark.Counties);
    }

    [Fact]
    public void No_population_or_an_unweighted_group_says_why()
    {
        Assert.Equal(BenchmarkSuppression.NoPopulation, BenchmarkRule.Compute(US, [C(1, 5)], null).Suppression);
        Assert.Contains("population", BenchmarkRule.Compute(US, [], null).SuppressedReason, StringComparison.Ordinal);
        Assert.True(BenchmarkRule.IsWeighted(Subgroups.AllType));
        Assert.True(BenchmarkRule.IsWeighted("gender"));
        Assert.False(BenchmarkRule.IsWeighted("race-ethnicity"));
        Assert.False(BenchmarkRule.IsWeighted("income"));
    }

    [Fact]
    public void Distributions_weigh_each_county_by_the_population_of_the_nearest_year()
    {
        const int metric = 1;
        // Three counties in two states; populations only for 2020: 2021 values use them.
        var populations = new CountyPopulations([(1, 2020, 100, "01"), (2, 2020, 300, "01"), (3, 2020, 50, "02")]);
        var rows = new[]
        {
            new CountyValueRow(metric, 2021, Subgroups.AllType, Subgroups.All, "01", 0.2, 1, DataQuality.Strong),
            new CountyValueRow(metric, 2021, Subgroups.AllType, Subgroups.All, "01", 0.8, 2, DataQuality.Strong),
            new CountyValueRow(metric, 2021, Subgroups.AllType, Subgroups.All, "02", 0.1, 3, DataQuality.Strong),
            new CountyValueRow(metric, 2021, "race-ethnicity", "Hispanic", "01", 0.4, 1, DataQuality.Strong),
        };

        var d = CountyDistributions.Create(rows, populations);

        var national = d.Benchmark(metric, 2021, Subgroups.AllType, Subgroups.All, US)!;
        Assert.Equal((0.8, (short?)2020, 3), (national.Value, national.PopulationYear, national.Counties));
        // The typical county (plain median) is another figure: 0.2.
        Assert.Equal(0.2, d.Statistic(metric, 2021, Subgroups.AllType, Subgroups.All, US)!.Median);
        Assert.Equal(0.8, d.Benchmark(metric, 2021, Subgroups.AllType, Subgroups.All, "01")!.Value);
        Assert.Equal(0.1, d.Benchmark(metric, 2021, Subgroups.AllType, Subgroups.All, "02")!.Value);
        Assert.Equal(BenchmarkSuppression.GroupNotWeighted, d.Benchmark(metric, 2021, "race-ethnicity", "Hispanic", US)!.Suppression);
        Assert.Null(d.Benchmark(metric, 2019, Subgroups.AllType, Subgroups.All, US));
    }
}
