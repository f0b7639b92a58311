using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Tests.Counties;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>The county dashboard and a metric page in Chromium, against the app on Kestrel with the demo data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CountyDashboardBrowserTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task Open_a_county_change_the_year_open_a_metric_and_see_its_charts_drawn_offline()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;

        await page.GotoAsync("/counties/06037");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Los Angeles County");
        await Assertions.Expect(page.Locator("#county-summary-title")).ToBeVisibleAsync();

        await page.GetByLabel("Data year").SelectOptionAsync("2021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037\\?year=2021$"));
        var row = page.Locator("tr[data-metric=share_employed]");
        await Assertions.Expect(row.Locator(".metric-row__year")).ToHaveTextAsync("2021");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037/metrics/share_employed\\?year=2021$"));
        await Assertions.Expect(page.Locator("#trend-chart.js-plotly-plot svg").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#subgroup-chart.js-plotly-plot svg").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(4);

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task County_and_metric_pages_have_no_serious_accessibility_violations(int width)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } });
        var page = tracked.Page;
        var problems = new List<string>();
        foreach (var path in new[] { "/counties/06037?year=2022", "/counties/06037/metrics/share_employed" })
        {
            await page.GotoAsync(path);
            if (path.Contains("/metrics/", StringComparison.Ordinal))
            {
                await page.Locator("#trend-chart.js-plotly-plot svg").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }
            problems.AddRange(await Axe.SeriousViolationsAsync(page, $"{path} at {width}px"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }
}
