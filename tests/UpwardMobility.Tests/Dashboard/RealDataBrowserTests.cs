using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>The county, metric and pillar pages in Chromium over real Urban files (see <see cref="RealDataApp"/>).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RealDataBrowserTests(BrowserFixture browser, RealDataApp app) : IClassFixture<RealDataApp>
{
    [Fact]
    public async Task Open_a_county_change_the_year_open_a_metric_see_its_charts_and_download_its_csv()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;

        await page.GotoAsync("/counties/06037");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Los Angeles County");
        await page.GetByLabel("Data year").SelectOptionAsync("2021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037\\?year=2021$"));

        await page.Locator("tr[data-metric=share_employed]").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037/metrics/share_employed\\?year=2021$"));
        foreach (var chart in new[] { "trend-chart", "subgroup-chart", "distribution-chart", "peer-chart" })
        {
            await Assertions.Expect(page.Locator($"#{chart} svg.main-svg").First).ToBeAttachedAsync();
        }
        await Assertions.Expect(page.Locator("#subgroups-title")).ToHaveTextAsync("Groups of people by race and ethnicity in 2021");

        // Groups by gender instead: the URL keeps the year and the choice, and the charts are drawn again.
        await page.GetByLabel("Groups by").SelectOptionAsync("gender");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show groups" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037/metrics/share_employed\\?year=2021&subgroup_type=gender$"));
        await Assertions.Expect(page.Locator("#subgroups-title")).ToHaveTextAsync("Groups of people by gender in 2021");
        await Assertions.Expect(page.Locator("#subgroup-chart svg.main-svg").First).ToBeAttachedAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv-download").ClickAsync());
        Assert.Equal("county-06037-share_employed-2021.csv", download.SuggestedFilename);
        var csv = MetricCsvRows.Parse(await File.ReadAllTextAsync(await download.PathAsync()));

        // Trend: the file's whole-population values of every year; subgroups: its 2021 values by gender.
        var source = app.Source.Where(kv => kv.Key.Fips == "06037" && kv.Key.Metric == "share_employed").ToList();
        var trend = csv.Section("trend");
        Assert.Equal(source.Count(kv => kv.Key.SubgroupType == "all"), trend.Count);
        foreach (var row in trend)
        {
            var expected = source.Single(kv => kv.Key.SubgroupType == "all" && kv.Key.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) == row["year"]).Value;
            UrbanSource.AssertClose(expected.Value, MetricCsvRows.Number(row["value"]), "trend " + row["year"]);
            UrbanSource.AssertClose(expected.UpperBound, MetricCsvRows.Number(row["upper_bound"]), "trend upper " + row["year"]);
        }
        var subgroups = csv.Section("subgroup");
        Assert.Equal(source.Count(kv => kv.Key.Year == 2021 && kv.Key.SubgroupType == "gender" && kv.Value.Value is not null), subgroups.Count);
        Assert.All(subgroups, r => UrbanSource.AssertClose(
            source.Single(kv => kv.Key.Year == 2021 && kv.Key.Subgroup == r["subgroup"]).Value.Value, MetricCsvRows.Number(r["value"]), r["subgroup"]));
        Assert.Equal(app.WholePopulation("share_employed", 2021).Count, csv.Section("distribution").Count);
        // The peers in the table are the peers in the file.
        var peerCodes = await page.Locator("#peer-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.fips)");
        Assert.Equal(peerCodes, csv.Section("peer").Select(r => r["fips"]));

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Peers_can_be_removed_added_and_reset_and_the_url_keeps_them()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/counties/06037/metrics/share_employed?year=2021");
        var rows = page.Locator("#peer-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        var second = await rows.Nth(1).GetAttributeAsync("data-fips");

        await rows.Nth(1).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Remove") }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        Assert.DoesNotContain($"peer={second}", page.Url, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(page.Url, "peer=").Count);

        await page.GetByLabel("Add a peer county").FillAsync("Harris County, Texas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add peer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("peer=48201$"));
        await Assertions.Expect(page.Locator("#peer-table tr[data-fips='48201']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#peer-chart svg.main-svg").First).ToBeAttachedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Reset to the default peers" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037/metrics/share_employed\\?year=2021$"));
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        Assert.Empty(tracked.ConsoleErrors);
    }

    [Fact]
    public async Task Each_chart_downloads_as_a_png_under_the_content_security_policy()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/counties/06037/metrics/share_employed?year=2021");
        foreach (var (chart, name) in new[] { ("trend-chart", "06037-share_employed-trend.png"), ("distribution-chart", "06037-share_employed-2021-distribution.png") })
        {
            var button = page.Locator($"#{chart} .modebar-btn[data-title='Download plot as a PNG']");
            await Assertions.Expect(button).ToBeVisibleAsync(); // always shown, not only on hover
            IDownload download;
            try
            {
                download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync(), new() { Timeout = 15_000 });
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"No PNG download from {chart}; console: {string.Join(" | ", tracked.ConsoleErrors)}", e);
            }
            Assert.Equal(name, download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.True(bytes.Length > 5000, $"{name}: {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        }
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Pillar_and_metric_pages_have_no_serious_accessibility_violations(int width)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } });
        var page = tracked.Page;
        var problems = new List<string>();
        foreach (var (path, chart) in new[]
        {
            ("/counties/06037/pillars/rewarding-work?year=2021", "#trend-share_employed"),
            ("/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender&peer=06059&peer=48201&peer=zzz", "#peer-chart"),
        })
        {
            await page.GotoAsync(path);
            await page.Locator($"{chart}.js-plotly-plot svg").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            problems.AddRange(await Axe.SeriousViolationsAsync(page, $"{path} at {width}px"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }
}
