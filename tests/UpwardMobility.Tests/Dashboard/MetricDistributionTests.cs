using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Dashboard;

public class MetricDistributionTests
{
    private static CountyValue County(string fips, double value, string state = "06") =>
        new(fips, "County " + fips, state, "State " + state, "ST", value, null, null, DataQuality.Strong, null);

    private static UpwardMobility.Core.Counties.MetricOutline Outline(MetricDirection direction) =>
        new("m", "Measure", "", MetricUnit.Share, direction, false, "", "");

    [Theory]
    [InlineData(1.0, 30, 0.05)]
    [InlineData(0.62, 30, 0.025)]
    [InlineData(3000, 30, 100)]
    [InlineData(45, 30, 2)]
    [InlineData(0, 30, 1)]
    public void Bin_width_is_a_round_number_giving_about_the_bins_asked_for(double range, int bins, double expected) =>
        Assert.Equal(expected, MetricDistribution.NiceWidth(range, bins), 12);

    [Fact]
    public void Histogram_counts_every_county_once_the_state_apart_and_marks_the_county_bin()
    {
        var values = new List<CountyValue>();
        for (var i = 0; i < 100; i++)
        {
            values.Add(County($"{i:00000}", i / 100.0, i % 4 == 0 ? "06" : "41"));
        }

        var d = MetricDistribution.Build(2022, values, "00040", "06", Outline(MetricDirection.Up), binCount: 10)!;

        Assert.Equal(100, d.Count);
        Assert.Equal(100, d.Bins.Sum(b => b.Counties));
        Assert.Equal(25, d.Bins.Sum(b => b.StateCounties));
        Assert.Equal(25, d.StateCount);
        Assert.All(d.Bins, b => Assert.Equal(0.1, b.To - b.From, 9));
        // Bins are half-open: 0.40 starts the fifth bin, and that bin holds the county.
        var marked = Assert.Single(d.Bins, b => b.HasCounty);
        Assert.Equal(0.4, marked.From, 9);
        Assert.Equal(10, marked.Counties);
        // The highest value lands in the last bin, which includes its upper edge.
        Assert.True(d.Bins[^1].From <= 0.99 && 0.99 <= d.Bins[^1].To);
        Assert.Equal(40, d.BelowCount);
        Assert.Equal(60, d.RankFromBest); // 59 counties have a higher value: 60th from the best
        Assert.Equal(0, d.StateMin);
        Assert.Equal(0.96, d.StateMax!.Value, 9);
        Assert.Equal(0.48, d.StateMedian!.Value, 9);
        Assert.Equal(0.495, d.Median, 9);
        Assert.Equal(15, d.StateRankFromBest); // state values 0.44 … 0.96 above 0.40: 14 of them
    }

    [Theory]
    [InlineData(MetricDirection.Up, 3)]
    [InlineData(MetricDirection.Down, 2)]
    [InlineData(MetricDirection.Parity, null)] // parity is read as a distance from 1.0, not ranked
    [InlineData(MetricDirection.Context, null)]
    public void Rank_follows_the_direction_and_ties_share_a_rank(MetricDirection direction, int? expected)
    {
        var values = new[] { County("00001", 0.5), County("00002", 1.2), County("00003", 1.2), County("00004", 1.0) };
        var d = MetricDistribution.Build(2022, values, "00004", "06", Outline(direction))!;
        Assert.Equal(expected, d.RankFromBest);
        Assert.Equal(1, d.BelowCount);
    }

    [Fact]
    public void A_county_without_a_value_is_not_marked_and_an_empty_list_has_no_distribution()
    {
        var d = MetricDistribution.Build(2022, [County("00001", 1), County("00002", 1)], "00009", "06", Outline(MetricDirection.Up))!;
        Assert.Null(d.County);
        Assert.Null(d.RankFromBest);
        Assert.DoesNotContain(d.Bins, b => b.HasCounty);
        Assert.Equal(2, Assert.Single(d.Bins).Counties);

        Assert.Null(MetricDistribution.Build(2022, [], "00001", "06", Outline(MetricDirection.Up)));
        Assert.Null(MetricDistribution.Build(2022, [County("00001", double.NaN)], "00001", "06", Outline(MetricDirection.Up)));
    }
}
