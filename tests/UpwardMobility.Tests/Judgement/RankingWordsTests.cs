using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Judgement;

/// <summary>
/// Issue 22, item 5: counts are never judged as gaps; ties at the best are strengths; no "0%"/"100%" better-than anywhere.
/// </summary>
public sealed class RankingWordsTests
{
    [Fact]
    public void Counts_of_homeless_students_by_group_are_never_a_gap()
    {
        var count = new MetricOutline("count_homeless", "Homeless students", "", MetricUnit.Count, MetricDirection.Down, false, "", "");
        SubgroupReading[] groups =
        [
            new("race-ethnicity", "Hispanic", 12608, 12000, 13000, DataQuality.Strong),
            new("race-ethnicity", "Other", 1356, 1300, 1400, DataQuality.Strong),
        ];
        Assert.Empty(SummaryChooser.GapsFor(count, groups));
        Assert.Single(SummaryChooser.GapsFor(Up, groups.Select(g => g with { Value = g.Value / 20000, LowerBound = null, UpperBound = null })));
    }

    private static readonly MetricOutline Down = new("share_poverty_exposure", "Poverty exposure", "", MetricUnit.Share, MetricDirection.Down, false, "", "");
    private static readonly MetricOutline Up = new("share_employed", "Employment", "", MetricUnit.Share, MetricDirection.Up, false, "", "");

    private static SummaryCandidate Candidate(string predictor, MetricOutline metric, Standing standing) =>
        new(predictor, predictor, metric.Key, metric.Label, metric.Direction, false, DataQuality.Strong, standing);

    [Fact]
    public void A_county_tied_at_the_best_value_is_a_strength_never_a_weakness()
    {
        // 5 of 8 counties tied at 0.0% poverty exposure (lower is better): each is strictly better than only 3 of 7.
        var pool = RankPool.Of([0, 0, 0, 0, 0, 0.1, 0.2, 0.3]);
        var tied = Standing.Of(Down, new Estimate(0, null, null, DataQuality.Strong), pool);
        Assert.Equal(1, tied.Rank);
        Assert.True(tied.BetterThanShare < 0.5);

        var (strengths, weaknesses) = SummaryChooser.ChoosePredictors([Candidate("economic-inclusion", Down, tied)]);

        Assert.Empty(weaknesses);
        var strength = Assert.Single(strengths);
        Assert.Equal("at the best end of US counties", strength.Words.Text);
    }

    [Fact]
    public void The_worst_and_the_best_read_as_ends_not_0_or_100_percent()
    {
        var pool = RankPool.Of([0.5, 0.6, 0.7, 0.8]);
        var worst = Standing.Of(Up, new Estimate(0.5, null, null, DataQuality.Strong), pool);
        Assert.Equal(0, worst.BetterThanShare);

        var (_, weaknesses) = SummaryChooser.ChoosePredictors([Candidate("employment-opportunities", Up, worst)]);

        Assert.Equal("at the worst end of US counties", Assert.Single(weaknesses).Words.Text);
        Assert.Equal("at the worst end of US cities", Standing.BetterThanWords(0, "US cities"));
        Assert.Equal("none", Standing.BetterThanCell(0));
        Assert.Equal("all others", Standing.BetterThanCell(1));
        Assert.Equal("more than 99%", Standing.BetterThanCell(0.996));
        Assert.Equal("better than 72% of US counties", Standing.BetterThanWords(0.72));
    }
}
