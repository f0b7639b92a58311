using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Tests.Nation;

public class CountyRankingsTests
{
    private static CrossSectionRow Row(string fips, double? value, string state = "06", long? population = 100_000, DataQuality quality = DataQuality.Strong, double? percentile = null) =>
        new(fips, "County " + fips, state, state == "06" ? "CA" : "TX", state == "06" ? "California" : "Texas", population,
            value, value - 1, value + 1, quality, null, percentile, false);

    private static MetricCrossSection Section(MetricDirection direction, params CrossSectionRow[] rows) =>
        new(new MetricOutline("m", "Measure", "", MetricUnit.Share, direction, false, "", ""), "Pillar", "Predictor", 2023, [2023],
            SubgroupChoice.All, [SubgroupChoice.All], rows);

    [Fact]
    public void Higher_is_better_ranks_the_highest_first_and_ties_share_the_better_rank()
    {
        var ranked = CountyRankings.RankNationally(Section(MetricDirection.Up, Row("06001", 0.5), Row("06003", 0.9), Row("06005", 0.7), Row("06007", 0.7)));
        Assert.Equal(["06003", "06005", "06007", "06001"], ranked.Select(r => r.Row.Fips));
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Lower_is_better_ranks_the_lowest_first()
    {
        var ranked = CountyRankings.RankNationally(Section(MetricDirection.Down, Row("06001", 0.5), Row("06003", 0.9), Row("06005", 0.1)));
        Assert.Equal(["06005", "06001", "06003"], ranked.Select(r => r.Row.Fips));
        Assert.Equal(1, ranked[0].Rank);
    }

    [Fact]
    public void Better_than_share_follows_direction_and_context_metrics_have_none()
    {
        // Among five counties, 0.2 is strictly better than three of the other four when lower is better.
        var down = CountyRankings.RankNationally(Section(MetricDirection.Down, Row("06001", 0.2), Row("06003", 0.1), Row("06005", 0.3), Row("06007", 0.4), Row("06009", 0.5)));
        Assert.Equal(0.75, down.Single(r => r.Row.Fips == "06001").BetterThan!.Value, 10);
        var context = CountyRankings.RankNationally(Section(MetricDirection.Context, Row("06001", 0.2, percentile: 0.25)));
        Assert.Null(context[0].BetterThan);
    }

    [Fact]
    public void Counties_without_a_number_are_not_ranked_and_stay_last_in_every_sort()
    {
        var ranked = CountyRankings.RankNationally(Section(MetricDirection.Up, Row("06001", null), Row("06003", 0.4), Row("06005", 0.6)));
        Assert.Equal(0, ranked.Single(r => r.Row.Fips == "06001").Rank);
        foreach (var descending in new[] { false, true })
        {
            var byValue = CountyRankings.FilterAndSort(ranked, new RankingQuery(Sort: RankingSort.Value, Descending: descending));
            Assert.Equal("06001", byValue[^1].Row.Fips);
            var byRank = CountyRankings.FilterAndSort(ranked, new RankingQuery(Descending: descending));
            Assert.Equal("06001", byRank[^1].Row.Fips);
        }
        var ascending = CountyRankings.FilterAndSort(ranked, new RankingQuery(Sort: RankingSort.Value));
        Assert.Equal(["06003", "06005", "06001"], ascending.Select(r => r.Row.Fips));
    }

    [Fact]
    public void Filters_by_state_code_or_abbreviation_population_band_and_peer_list()
    {
        var ranked = CountyRankings.RankNationally(Section(MetricDirection.Up,
            Row("06001", 0.5, population: 5_000), Row("06003", 0.6, population: 60_000), Row("48001", 0.7, "48", 2_000_000), Row("48003", 0.8, "48", null)));
        Assert.Equal(["48003", "48001"], CountyRankings.FilterAndSort(ranked, new RankingQuery(State: "48")).Select(r => r.Row.Fips));
        Assert.Equal(["48003", "48001"], CountyRankings.FilterAndSort(ranked, new RankingQuery(State: "tx")).Select(r => r.Row.Fips));
        Assert.Equal(["06003"], CountyRankings.FilterAndSort(ranked, new RankingQuery(Size: "50k-250k")).Select(r => r.Row.Fips));
        Assert.Equal(["48001"], CountyRankings.FilterAndSort(ranked, new RankingQuery(Size: "1m-plus")).Select(r => r.Row.Fips));
        Assert.Equal(["48001", "06001"], CountyRankings.FilterAndSort(ranked, new RankingQuery(Fips: ["06001", "48001"])).Select(r => r.Row.Fips));
    }

    [Fact]
    public void Pages_are_clamped_to_what_exists()
    {
        var rows = Enumerable.Range(1, 120).Select(i => Row($"06{i:000}", i)).ToArray();
        var ranked = CountyRankings.RankNationally(Section(MetricDirection.Up, rows));
        var last = CountyRankings.Page(ranked, new RankingQuery(Page: 99), 120);
        Assert.Equal(3, last.Page);
        Assert.Equal(3, last.PageCount);
        Assert.Equal(20, last.Rows.Count);
        Assert.Equal(1, CountyRankings.Page(ranked, new RankingQuery(Page: -4), 120).Page);
    }
}
