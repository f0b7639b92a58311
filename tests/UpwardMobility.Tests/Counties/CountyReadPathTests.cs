using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Counties;

/// <summary>
/// The county, metric, compare and plan pages read a county's values through one path (<see cref="CountyProfileService"/>),
/// so they agree on every value and on how a row is typed: a neighbourhood group stored under Urban's old type
/// (<c>race-ethnicity</c>) is a race-share group on every page, not on some.
/// </summary>
public sealed class CountyReadPathTests
{
    private const string LosAngeles = "06037";
    private const string Metric = "share_employed";
    private const string Neighbourhoods = "Majority Non-White";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Every_page_reads_a_county_value_the_same_way(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider, DemoData = true });
        short year;
        await using (var db = app.CreateContext())
        {
            var county = await db.Geographies.SingleAsync(g => g.Kind == Core.Geographies.GeographyKind.County && g.Fips == LosAngeles);
            var metricId = await db.Metrics.Where(m => m.Key == Metric).Select(m => m.Id).SingleAsync();
            var whole = await db.MetricValues
                .Where(v => v.GeographyId == county.Id && v.MetricId == metricId && v.SubgroupType == Subgroups.AllType)
                .OrderByDescending(v => v.Year).FirstAsync();
            year = whole.Year;
            // A row as files written before "race-share" existed type it.
            db.MetricValues.Add(new MetricValue
            {
                GeographyId = county.Id,
                MetricId = whole.MetricId,
                ImportId = whole.ImportId,
                Year = year,
                SubgroupType = "race-ethnicity",
                Subgroup = Neighbourhoods,
                Value = 0.5,
                Quality = DataQuality.Strong,
            });
            await db.SaveChangesAsync();
        }

        var profile = await app.Get<CountyProfileService>().GetAsync(LosAngeles);
        Assert.NotNull(profile);
        Assert.Contains(profile.Values, v => v.Subgroup == Neighbourhoods && v.SubgroupType == SubgroupTypes.RaceShare);
        var latest = profile.Latest(Metric)!;

        var detail = await app.Get<MetricDetailService>().GetAsync(LosAngeles, Metric, new MetricView(year, SubgroupTypes.RaceShare));
        Assert.NotNull(detail);
        Assert.Equal(SubgroupTypes.RaceShare, detail.SubgroupType);
        Assert.Contains(detail.Subgroups, s => s.Subgroup == Neighbourhoods);
        Assert.Equal(latest.Value, detail.Years.Single(y => y.Year == year).Value);

        var choices = await app.Get<ActionPlanService>().GetChoicesAsync(LosAngeles);
        Assert.NotNull(choices);
        var neighbourhoodChoice = Assert.Single(choices.Subgroups, s => s.Subgroup == Neighbourhoods);
        Assert.Equal(SubgroupTypes.RaceShare, neighbourhoodChoice.SubgroupType);

        var comparison = await app.Get<CountyComparisonService>().GetAsync([LosAngeles, "06059"], year);
        var row = comparison.Pillars.SelectMany(p => p.Predictors).SelectMany(q => q.Rows).Single(r => r.Metric.Key == Metric);
        Assert.Equal(latest.Value, row.Cells.Single(c => c.Fips == LosAngeles).Reading?.Value);
        Assert.Equal(["06037", "06059"], comparison.Counties.Select(c => c.Fips));
    }
}
