using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Metrics;

/// <summary>Percentiles and quartiles of <see cref="CountyDistributions"/> on small hand-made groups.</summary>
public class CountyDistributionsTests
{
    private const int Metric = 7;
    private const short Year = 2021;
    private const string All = Subgroups.AllType;
    private const string Whole = Subgroups.All;

    private static CountyValueRow Row(double value, string state = "01", short year = Year, string type = All, string subgroup = Whole) =>
        new(Metric, year, type, subgroup, state, value);

    [Fact]
    public void Percentile_is_percent_rank_with_ties_sharing_the_lower_rank()
    {
        // Rows arrive unsorted, as the cache loads them.
        var d = CountyDistributions.Create([Row(3), Row(2), Row(5), Row(1), Row(2)]);

        Assert.Equal(0.0, d.Percentile(Metric, Year, All, Whole, 1));
        Assert.Equal(0.25, d.Percentile(Metric, Year, All, Whole, 2));
        Assert.Equal(0.75, d.Percentile(Metric, Year, All, Whole, 3));
        Assert.Equal(1.0, d.Percentile(Metric, Year, All, Whole, 5));
    }

    [Fact]
    public void A_group_of_one_ranks_at_zero()
    {
        var d = CountyDistributions.Create([Row(7)]);

        Assert.Equal(0.0, d.Percentile(Metric, Year, All, Whole, 7));
    }

    [Fact]
    public void No_value_or_an_unknown_group_has_no_percentile()
    {
        var d = CountyDistributions.Create([Row(1), Row(2)]);

        Assert.Null(d.Percentile(Metric, Year, All, Whole, null));
        Assert.Null(d.Percentile(Metric + 1, Year, All, Whole, 1));
        Assert.Null(d.Percentile(Metric, Year + 1, All, Whole, 1));
        Assert.Null(d.Percentile(Metric, Year, "gender", "Female", 1));
        Assert.Null(d.Statistic(Metric + 1, Year, All, Whole, MetricStatistic.NationalScope));
        Assert.Empty(d.Groups(Metric + 1));
    }

    [Fact]
    public void Quartiles_interpolate_like_percentile_cont_nationally_and_per_state()
    {
        var d = CountyDistributions.Create([Row(10, "01"), Row(2, "02"), Row(4, "01"), Row(6, "02"), Row(1, "01"), Row(3, "02")]);

        // Sorted 1 2 3 4 6 10: P25 at position 1.25, the median at 2.5, P75 at 3.75.
        Assert.Equal(new MetricStatistic(Metric, Year, All, Whole, MetricStatistic.NationalScope, 6, 1, 2.25, 3.5, 5.5, 10),
            d.Statistic(Metric, Year, All, Whole, MetricStatistic.NationalScope));
        // State 01 holds 1 4 10; state 02 holds 2 3 6.
        Assert.Equal(new MetricStatistic(Metric, Year, All, Whole, "01", 3, 1, 2.5, 4, 7, 10), d.Statistic(Metric, Year, All, Whole, "01"));
        Assert.Equal(new MetricStatistic(Metric, Year, All, Whole, "02", 3, 2, 2.5, 3, 4.5, 6), d.Statistic(Metric, Year, All, Whole, "02"));
        Assert.Null(d.Statistic(Metric, Year, All, Whole, "06"));
    }

    [Fact]
    public void State_statistics_only_for_the_whole_population()
    {
        var d = CountyDistributions.Create([
            Row(1), Row(2, "02"),
            Row(0.4, "01", type: "race-ethnicity", subgroup: "Hispanic"), Row(0.6, "01", type: "race-ethnicity", subgroup: "Hispanic"),
            Row(0.5, "02", year: 2022)]);

        var hispanic = d.Statistic(Metric, Year, "race-ethnicity", "Hispanic", MetricStatistic.NationalScope);
        Assert.Equal((2, 0.5), (hispanic!.Count, hispanic.Median));
        Assert.Null(d.Statistic(Metric, Year, "race-ethnicity", "Hispanic", "01"));
        Assert.Equal(1, d.Statistic(Metric, Year, All, Whole, "01")!.Count);
        Assert.Equal(1.0, d.Percentile(Metric, Year, "race-ethnicity", "Hispanic", 0.6));
        Assert.Equal(
            [new CountyGroupKey(Year, All, Whole), new CountyGroupKey(Year, "race-ethnicity", "Hispanic"), new CountyGroupKey(2022, All, Whole)],
            d.Groups(Metric).OrderBy(g => g.Year).ThenBy(g => g.SubgroupType, StringComparer.Ordinal).ToList());
    }
}
