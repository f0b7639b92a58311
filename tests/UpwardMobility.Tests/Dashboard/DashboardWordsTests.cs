using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Dashboard;

public class DashboardWordsTests
{
    [Theory]
    [InlineData(0.72, MetricDirection.Up, "better than 72% of US counties")]
    [InlineData(0.72, MetricDirection.Down, "better than 28% of US counties")]
    [InlineData(0.0, MetricDirection.Down, "better than 100% of US counties")]
    [InlineData(0.725, MetricDirection.Up, "better than 73% of US counties")]
    [InlineData(0.72, MetricDirection.Context, "higher than 72% of US counties")]
    public void Percentile_words_follow_the_direction(double percentile, MetricDirection direction, string expected) =>
        Assert.Equal(expected, DashboardWords.PercentileText(percentile, direction));

    [Fact]
    public void Context_and_parity_carry_no_better_or_worse()
    {
        Assert.Null(DashboardWords.BetterThanShare(0.9, MetricDirection.Context));
        Assert.Null(DashboardWords.BetterThanShare(0.9, MetricDirection.Parity));
        Assert.Equal(Standing.NotJudged, DashboardWords.StandingOf(0.9, MetricDirection.Parity));
        Assert.DoesNotContain("better", DashboardWords.PercentileText(0.9, MetricDirection.Parity, 0.8)!, StringComparison.Ordinal);
        Assert.DoesNotContain("better", DashboardWords.PercentileText(0.9, MetricDirection.Context)!, StringComparison.Ordinal);
        Assert.Null(DashboardWords.PercentileText(null, MetricDirection.Up));
    }

    [Theory]
    [InlineData(1.0, "at parity (within 5% of 1.0)")]
    [InlineData(0.97, "at parity (within 5% of 1.0)")]
    [InlineData(0.88, "12% below parity (1.0)")]
    [InlineData(1.2, "20% above parity (1.0)")]
    public void Parity_is_distance_from_one(double value, string expected) =>
        Assert.Equal(expected, DashboardWords.PercentileText(0.5, MetricDirection.Parity, value));

    [Theory]
    [InlineData(0.8, MetricDirection.Up, Standing.Better)]
    [InlineData(0.8, MetricDirection.Down, Standing.Worse)]
    [InlineData(0.5, MetricDirection.Up, Standing.Middle)]
    [InlineData(0.1, MetricDirection.Down, Standing.Better)]
    public void Standing_is_direction_aware(double percentile, MetricDirection direction, Standing expected) =>
        Assert.Equal(expected, DashboardWords.StandingOf(percentile, direction));

    [Fact]
    public void Change_since_the_previous_year_is_in_the_unit_and_judged_by_direction()
    {
        Assert.Equal("up 2.3 percentage points since 2021 (better)",
            DashboardWords.ChangeText(0.503, 0.48, 2021, MetricUnit.Share, MetricDirection.Up));
        Assert.Equal("down $1,200 since 2020 (worse)",
            DashboardWords.ChangeText(50_000, 51_200, 2020, MetricUnit.Dollars, MetricDirection.Up));
        Assert.Equal("up 12 per 100,000 since 2022 (worse)",
            DashboardWords.ChangeText(412, 400, 2022, MetricUnit.RatePer100k, MetricDirection.Down));
        Assert.Equal("up 0.10 since 2022",
            DashboardWords.ChangeText(1.1, 1.0, 2022, MetricUnit.Ratio, MetricDirection.Parity));
        Assert.Equal("no change since 2022",
            DashboardWords.ChangeText(0.50001, 0.5, 2022, MetricUnit.Share, MetricDirection.Up));
        Assert.Null(DashboardWords.ChangeText(0.5, null, null, MetricUnit.Share, MetricDirection.Up));
    }

    [Fact]
    public void Medians_are_compared_by_direction()
    {
        Assert.Equal("above the state median (better)", DashboardWords.CompareToMedian(0.6, 0.5, MetricDirection.Up, "state"));
        Assert.Equal("above the national median (worse)", DashboardWords.CompareToMedian(0.6, 0.5, MetricDirection.Down, "national"));
        Assert.Equal("below the state median", DashboardWords.CompareToMedian(0.4, 0.5, MetricDirection.Context, "state"));
        Assert.Null(DashboardWords.CompareToMedian(0.4, null, MetricDirection.Up, "state"));
    }

    [Fact]
    public void Only_strong_and_marginal_values_are_judged()
    {
        Assert.True(DashboardWords.UsableForJudgement(DataQuality.Strong));
        Assert.True(DashboardWords.UsableForJudgement(DataQuality.Marginal));
        Assert.False(DashboardWords.UsableForJudgement(DataQuality.Weak));
        Assert.False(DashboardWords.UsableForJudgement(DataQuality.Unknown));
    }
}

public class SummaryChooserTests
{
    private static SummaryCandidate C(string predictor, string metric, double? percentile,
        MetricDirection direction = MetricDirection.Up, DataQuality quality = DataQuality.Strong, bool retired = false) =>
        new(predictor, predictor + " name", metric, metric + " label", direction, retired, quality, percentile);

    [Fact]
    public void Strengths_and_weaknesses_are_direction_aware_and_skip_weak_retired_and_context()
    {
        var (strengths, weaknesses) = SummaryChooser.ChoosePredictors(
        [
            C("jobs", "employed", 0.9),
            C("wages", "wage", 0.7),
            C("crime", "violent", 0.05, MetricDirection.Down),    // low crime: a strength (better than 95%)
            C("housing", "burden", 0.8, MetricDirection.Down),   // high burden: a weakness
            C("poverty", "poor", 0.99, quality: DataQuality.Weak), // weak: ignored
            C("old", "retired", 0.99, retired: true),            // retired: ignored
            C("context", "pop", 0.99, MetricDirection.Context),   // context: never judged
            C("parity", "ratio", 0.01, MetricDirection.Parity),  // parity: never judged
            C("school", "reading", 0.1, quality: DataQuality.Marginal),
        ]);

        Assert.Equal(["crime", "jobs", "wages"], strengths.Select(s => s.PredictorKey));
        Assert.Equal(["school", "housing"], weaknesses.Select(s => s.PredictorKey));
        Assert.Equal("better than 95% of US counties", strengths[0].Words);
        Assert.Equal("better than 10% of US counties", weaknesses[0].Words);
    }

    [Fact]
    public void A_predictor_is_averaged_over_its_metrics_and_named_by_its_most_telling_metric()
    {
        var (strengths, weaknesses) = SummaryChooser.ChoosePredictors(
        [
            C("jobs", "employed", 0.9),
            C("jobs", "unemployed", 0.5, MetricDirection.Down),
        ]);
        var jobs = Assert.Single(strengths);
        Assert.Equal(0.7, jobs.BetterThan, 6);
        Assert.Equal("employed", jobs.MetricKey);
        Assert.Empty(weaknesses);
    }

    [Fact]
    public void Gaps_compare_highest_and_lowest_subgroup_and_flag_those_beyond_the_uncertainty()
    {
        var gaps = SummaryChooser.GapsFor("employed", "Employed", MetricUnit.Share,
        [
            new SubgroupReading("race-ethnicity", "White", 0.8, 0.78, 0.82, DataQuality.Strong),
            new SubgroupReading("race-ethnicity", "Black", 0.6, 0.55, 0.65, DataQuality.Strong),
            new SubgroupReading("race-ethnicity", "Other", 0.1, 0.0, 0.3, DataQuality.Weak), // left out
            new SubgroupReading("gender", "Female", 0.7, 0.6, 0.8, DataQuality.Marginal),
            new SubgroupReading("gender", "Male", 0.72, 0.62, 0.82, DataQuality.Strong),
            new SubgroupReading("age", "Young", 0.5, null, null, DataQuality.Strong),
        ]);
        Assert.Equal(2, gaps.Count);
        var race = gaps.Single(g => g.SubgroupType == "race-ethnicity");
        Assert.Equal("White", race.High.Subgroup);
        Assert.Equal("Black", race.Low.Subgroup);
        Assert.Equal(0.2, race.Difference, 6);
        Assert.True(race.LargerThanUncertainty);
        var gender = gaps.Single(g => g.SubgroupType == "gender");
        Assert.False(gender.LargerThanUncertainty);

        var largest = SummaryChooser.LargestGaps(gaps, 1);
        Assert.Equal("race-ethnicity", Assert.Single(largest).SubgroupType);
    }

    [Fact]
    public void Gaps_are_ranked_across_metrics_by_size_relative_to_the_scale()
    {
        var small = SummaryChooser.GapsFor("a", "A", MetricUnit.Dollars,
        [
            new SubgroupReading("gender", "F", 50_000, 49_000, 51_000, DataQuality.Strong),
            new SubgroupReading("gender", "M", 52_000, 51_500, 52_500, DataQuality.Strong),
        ], scale: 20_000);
        var large = SummaryChooser.GapsFor("b", "B", MetricUnit.Share,
        [
            new SubgroupReading("gender", "F", 0.5, 0.45, 0.55, DataQuality.Strong),
            new SubgroupReading("gender", "M", 0.7, 0.65, 0.75, DataQuality.Strong),
        ], scale: 0.1);
        Assert.Equal(["b", "a"], SummaryChooser.LargestGaps([.. small, .. large]).Select(g => g.MetricKey));
    }

    [Fact]
    public void Sparkline_points_span_the_box()
    {
        Assert.Null(Sparkline.Points([(2020, 1.0)]));
        Assert.Equal("2,22 41,12 80,2", Sparkline.Points([(2022, 3.0), (2020, 1.0), (2021, 2.0)], 82, 24));
        Assert.Equal("2,12 80,12", Sparkline.Points([(2020, 5.0), (2021, 5.0)], 82, 24));
    }
}
