using System.Net;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>
/// An import refuses more than 200 subgroup labels of a metric per file, but ten files can still give one metric,
/// place and year 2,000: the metric page (and its embed) draws a bounded number of groups and says how many are left
/// out, while the CSV keeps every one.
/// </summary>
public class ManySubgroupsTests
{
    private const int Files = 10;
    private const int LabelsPerFile = UrbanCsvReader.MaxSubgroupsPerMetric;

    [Fact]
    public async Task Thousands_of_labels_from_several_files_keep_the_metric_page_small_and_the_csv_complete()
    {
        await using var app = await TestHost.StartAsync(new());
        using var temp = new TempFolder();
        for (var f = 0; f < Files; f++)
        {
            var lines = Enumerable.Range(f * LabelsPerFile, LabelsPerFile)
                .Select(i => $"2023,06,037,race-ethnicity,Group {i:0000},0.{i % 90 + 10}");
            var report = await app.ImportAsync(temp.Write($"labels-{f}.csv", ["year,state,county,subgroup_type,subgroup,share_employed", .. lines]));
            Assert.True(report.Outcome == ImportOutcome.Imported, report.FatalError);
        }
        var total = Files * LabelsPerFile;
        var hidden = total - UrbanCsvReader.MaxSubgroupsShownPerType;
        var client = app.Client();

        using var page = await client.GetAsync("/counties/06037/metrics/share_employed?year=2023");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(html.Length < 400_000, $"the metric page is {html.Length:N0} characters");
        Assert.Contains($"Only {UrbanCsvReader.MaxSubgroupsShownPerType} of the {total:N0} groups by race and ethnicity are shown here; "
            + $"the other {hidden:N0} are left out of the chart and table.", html, StringComparison.Ordinal);
        Assert.Contains("Group 0059", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Group 0060", html, StringComparison.Ordinal);

        using var embed = await client.GetAsync("/embed/counties/06037/metrics/share_employed/subgroups?year=2023");
        var embedHtml = await embed.Content.ReadAsStringAsync();
        Assert.True(embedHtml.Length < 400_000, $"the embed is {embedHtml.Length:N0} characters");
        Assert.Contains($"the other {hidden:N0} are left out", embedHtml, StringComparison.Ordinal);

        var csv = MetricCsvRows.Parse(await client.GetStringAsync("/counties/06037/metrics/share_employed.csv?year=2023"));
        var groups = csv.Section(MetricDetailCsv.SubgroupSection).Select(r => r["subgroup"]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(total, groups.Count);
        Assert.Contains($"Group {total - 1:0000}", groups);
    }
}
