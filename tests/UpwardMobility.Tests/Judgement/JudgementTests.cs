using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Judgement;

/// <summary>Every rule of the judgement module (docs/methods.md), on small constructed values.</summary>
public class JudgementTests
{
    private static MetricOutline Metric(MetricDirection direction, MetricUnit unit = MetricUnit.Share, params string[] specials) =>
        new("m", "Measure", "", unit, direction, false, "", "") { SpecialValueTexts = specials };

    private static Estimate E(double value, double? lower = null, double? upper = null, DataQuality quality = DataQuality.Strong) =>
        new(value, lower, upper, quality);

    /// <summary>
    /// Issue 22, item 4: New York County's homeless students, a count, read "up 140 since 2018: worse" with Urban's
    /// suppression bounds (0 and 2 per suppressed district) taken for 95% intervals. A count over time is not judged.
    /// </summary>
    [Fact]
    public void A_change_in_a_count_is_a_number_never_better_or_worse_and_its_bounds_are_not_read_as_intervals()
    {
        var homeless = Metric(MetricDirection.Down, MetricUnit.Count);
        var change = Judge.Change(homeless, E(640, 630, 650), E(500, 490, 510), 2018);
        Assert.Equal("up 140 since 2018: a count, not judged better or worse (its bounds are not 95% intervals)", change.Words.Text);
        Assert.Equal(Side.Neither, change.Side);
        Assert.Equal(IntervalVerdict.NoInterval, change.Verdict);
        Assert.False(change.IsReal);
        Assert.Equal("up 140 since 2018", change.Words.Brief);
        Assert.Equal(Judge.CountMark, change.Words.Caveat);
        Assert.Equal(Methods.Counts, change.Words.Anchor);
        // Weak or not: the same words.
        Assert.Equal("down 100 since 2018: a count, not judged better or worse (its bounds are not 95% intervals)",
            Judge.Change(homeless, E(400, 390, 410, DataQuality.Weak), E(500), 2018).Words.Text);
    }

    [Fact]
    public void Interval_comparisons_need_both_intervals()
    {
        Assert.Equal(IntervalVerdict.NoInterval, Intervals.Compare(E(0.66), E(0.36)));
        Assert.Equal(IntervalVerdict.NoInterval, Intervals.Compare(E(0.66, 0.6, 0.7), E(0.36)));
        Assert.Equal(IntervalVerdict.Overlap, Intervals.Compare(E(0.5, 0.4, 0.6), E(0.55, 0.6, 0.7))); // touching overlaps
        Assert.Equal(IntervalVerdict.Apart, Intervals.Compare(E(0.5, 0.4, 0.59), E(0.65, 0.6, 0.7)));
    }

    [Fact]
    public void A_gap_without_intervals_never_reads_within_the_uncertainty()
    {
        var gap = Judge.Gap(Metric(MetricDirection.Up), E(0.664), E(0.361));
        Assert.Equal("a gap of 30.3 percentage points: no confidence interval published: cannot tell whether this difference is real", gap.Words.Text);
        Assert.DoesNotContain("within the uncertainty", gap.Words.Text, StringComparison.Ordinal);
        Assert.Equal(Methods.Gaps, gap.Words.Anchor);
        Assert.Contains("do not overlap", Judge.Gap(Metric(MetricDirection.Up), E(0.7, 0.68, 0.72), E(0.3, 0.28, 0.32)).Words.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.50, 0.45, 0.55, 0.60, 0.57, 0.63, "up 10.0 percentage points since 2020: better (the 95% intervals do not overlap)")]
    [InlineData(0.50, 0.45, 0.55, 0.52, 0.47, 0.57, "up 2.0 percentage points since 2020: within the uncertainty (the 95% intervals overlap)")]
    [InlineData(0.50, null, null, 0.60, null, null, "up 10.0 percentage points since 2020: no interval published, so cannot tell whether this change is real")]
    [InlineData(0.60, 0.57, 0.63, 0.50, 0.45, 0.55, "down 10.0 percentage points since 2020: worse (the 95% intervals do not overlap)")]
    public void Change_is_better_or_worse_only_when_the_intervals_do_not_overlap(
        double before, double? beforeLow, double? beforeHigh, double after, double? afterLow, double? afterHigh, string expected)
    {
        var change = Judge.Change(Metric(MetricDirection.Up), E(after, afterLow, afterHigh), E(before, beforeLow, beforeHigh), 2020);
        Assert.Equal(expected, change.Words.Text);
        Assert.Equal(Methods.Change, change.Words.Anchor);
    }

    [Fact]
    public void Change_reads_in_the_metrics_own_unit()
    {
        var physicians = Metric(MetricDirection.Down, MetricUnit.ResidentsPerPhysician, "0=no primary care physician");
        Assert.StartsWith("down 75 residents per physician since 2019:", Judge.Change(physicians, E(2160), E(2235), 2019).Words.Text, StringComparison.Ordinal);
        Assert.StartsWith("not comparable with 2019, when the county had no primary care physician",
            Judge.Change(physicians, E(2160), E(0), 2019).Words.Text, StringComparison.Ordinal);
        Assert.StartsWith("up 11 per 100 households", Judge.Change(Metric(MetricDirection.Up, MetricUnit.PerHundredHouseholds), E(0.80), E(0.69), 2019).Words.Text, StringComparison.Ordinal);
        // Weak data is never called better or worse.
        Assert.Equal(Side.Neither, Judge.Change(Metric(MetricDirection.Up), E(0.9, 0.85, 0.95, DataQuality.Weak), E(0.5, 0.45, 0.55), 2019).Side);
    }

    [Fact]
    public void Ties_share_a_rank_and_the_sentence_says_so()
    {
        var pool = RankPool.Of([0.1, 0.2, 0.2, 0.2, 0.5, 0.9]);
        var standing = Standing.Of(Metric(MetricDirection.Up), E(0.2), pool);
        Assert.Equal(StandingKind.Ranked, standing.Kind);
        Assert.Equal(3, standing.Rank); // two counties strictly better
        Assert.Equal(2, standing.TiedWith);
        Assert.Equal("ranks 3rd of 6 US counties, tied with 2 other counties: better than 20% of them", standing.Words.Text);
    }

    [Fact]
    public void The_extremes_never_read_better_than_100_or_0_percent()
    {
        var values = Enumerable.Repeat(0.0, 1200).Concat(Enumerable.Range(1, 1900).Select(i => i / 10000.0)).ToArray();
        var pool = RankPool.Of(values);
        var down = Metric(MetricDirection.Down);
        var best = Standing.Of(down, E(0.0), pool);
        Assert.Equal("among the 1,200 US counties tied at 0.0%, the lowest value of 3,100 (lower is better)", best.Words.Text);
        Assert.Equal(1, best.Rank);
        var worst = Standing.Of(down, E(0.19), pool);
        Assert.Equal("the highest value of 3,100 US counties (lower is better)", worst.Words.Text);
        foreach (var v in values.Distinct())
        {
            var text = Standing.Of(down, E(v), pool).Words.Text;
            Assert.DoesNotContain("100%", text, StringComparison.Ordinal);
            Assert.DoesNotContain("than 0%", text, StringComparison.Ordinal);
        }
        Assert.Equal("more than 99%", Standing.Percent(0.998));
        Assert.Equal("fewer than 1%", Standing.Percent(0.002));
    }

    [Fact]
    public void Rank_intervals_rank_each_bound_among_the_other_counties()
    {
        var pool = RankPool.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10.0]);
        var up = Standing.Of(Metric(MetricDirection.Up, MetricUnit.Index), E(5, 3.5, 7.5), pool);
        // Upper bound 7.5: 8, 9, 10 above it → 4th at best; lower bound 3.5: 4, 6..10 above (5 is the county) → 7th at worst.
        Assert.Equal(6, up.Rank);
        Assert.Equal(4, up.PlausibleBest);
        Assert.Equal(7, up.PlausibleWorst);
        Assert.StartsWith("ranks 6th (plausibly 4th–7th) of 10 US counties", up.Words.Text, StringComparison.Ordinal);
        Assert.Equal(Methods.RankIntervals, up.Words.Anchor);
        var down = Standing.Of(Metric(MetricDirection.Down, MetricUnit.Index), E(5, 3.5, 7.5), pool);
        Assert.Equal(5, down.Rank);
        Assert.Equal(4, down.PlausibleBest);
        Assert.Equal(7, down.PlausibleWorst);
    }

    [Fact]
    public void Weak_values_counts_and_special_values_are_not_ranked()
    {
        var physicians = Metric(MetricDirection.Down, MetricUnit.ResidentsPerPhysician, "0=no primary care physician");
        var pool = new RankPool(new[] { 0.0, 0, 500, 1500, 2235, 4000 }, physicians.Specials);
        var loving = Standing.Of(physicians, E(0), pool);
        Assert.Equal(StandingKind.NotRanked, loving.Kind);
        Assert.Equal("no primary care physician: not ranked", loving.Words.Text);
        // The zeros are left out of the pool: 500 is the best of the four ranked counties.
        var best = Standing.Of(physicians, E(500), pool);
        Assert.Equal(1, best.Rank);
        Assert.Equal(4, best.Count);
        Assert.Equal("no primary care physician", MetricRules.Format(physicians, 0));

        Assert.Equal(StandingKind.NotRanked, Standing.Of(Metric(MetricDirection.Up), E(0.5, quality: DataQuality.Weak), RankPool.Of([0.1, 0.5, 0.9])).Kind);
        var homeless = Standing.Of(Metric(MetricDirection.Down, MetricUnit.Count), E(57), RankPool.Of([57, 55180, 300]));
        Assert.Equal(StandingKind.NotRanked, homeless.Kind);
        Assert.Equal(Methods.Counts, homeless.Words.Anchor);
    }

    [Fact]
    public void Context_metrics_are_described_never_judged()
    {
        var standing = Standing.Of(Metric(MetricDirection.Context), E(0.5), RankPool.Of([0.1, 0.3, 0.5, 0.7, 0.9]));
        Assert.Equal(StandingKind.Described, standing.Kind);
        Assert.Equal("higher than 50% of US counties", standing.Words.Text);
        Assert.Equal(StandingBand.NotJudged, standing.Band);
        Assert.DoesNotContain("better", standing.Words.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Counties_of_different_sizes_are_not_judged_on_counts()
    {
        var homeless = Metric(MetricDirection.Down, MetricUnit.Count);
        var versus = Judge.Versus(homeless, E(55180), E(57));
        Assert.Equal(Side.Neither, versus.Side);
        Assert.Contains("a count, which depends on the county's size, so not judged", versus.Words.Text, StringComparison.Ordinal);
        Assert.False(MetricRules.ComparesAcrossCounties(homeless));
    }

    [Fact]
    public void A_benchmark_is_an_input_and_needs_the_countys_interval()
    {
        var up = Metric(MetricDirection.Up);
        Assert.Equal("above the median: better (its 95% interval lies wholly above it)", Judge.AgainstBenchmark(up, E(0.6, 0.55, 0.65), 0.5, "the median")!.Text);
        Assert.Equal("above the median: within the uncertainty (its 95% interval holds it)", Judge.AgainstBenchmark(up, E(0.6, 0.45, 0.65), 0.5, "the median")!.Text);
        Assert.Equal("above the median: " + Intervals.NoIntervalWords, Judge.AgainstBenchmark(up, E(0.6), 0.5, "the median")!.Text);
        Assert.Null(Judge.AgainstBenchmark(up, E(0.6), null, "the median"));
    }

    [Theory]
    [InlineData(0.69, MetricUnit.PerHundredHouseholds, "69 per 100 households")]
    [InlineData(2235.0, MetricUnit.ResidentsPerPhysician, "2,235 residents per physician")]
    [InlineData(412.3, MetricUnit.RatePer100k, "412 per 100,000")]
    [InlineData(58900.6, MetricUnit.Dollars, "$58,901")]
    public void Units_read_as_the_label_says(double value, MetricUnit unit, string expected) =>
        Assert.Equal(expected, MetricFormatter.Format(value, unit));

    [Fact]
    public void Neighbourhood_groups_get_their_own_type_by_label()
    {
        Assert.Equal(SubgroupTypes.RaceShare, SubgroupTypes.Normalize("race-ethnicity", "Neighborhoods of color"));
        Assert.Equal(SubgroupTypes.RaceShare, SubgroupTypes.Normalize("race-ethnicity", "No Majority Race/Ethnicity"));
        Assert.Equal(SubgroupTypes.RaceEthnicity, SubgroupTypes.Normalize("race-ethncity", "Hispanic"));
        Assert.Equal("Groups of neighbourhoods by racial composition", SubgroupTypes.Heading(SubgroupTypes.RaceShare));
    }

    [Fact]
    public void Special_values_round_trip_through_the_database_form()
    {
        var special = new SpecialValue(0, "no primary care physician");
        Assert.Equal(special, SpecialValue.Decode(special.Encode()));
    }
}
