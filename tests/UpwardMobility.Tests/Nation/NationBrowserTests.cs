using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>The national map, rankings, comparison and browser-kept peer groups in Chromium, with real data.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NationBrowserTests(BrowserFixture browser, NationWebApp app) : IClassFixture<NationWebApp>
{
    [Fact]
    public async Task Rankings_filter_by_state_and_sort_by_value_both_ways()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/rankings?metric=share_employed&year=2023");
        await page.GetByLabel("State").SelectOptionAsync(new SelectOptionValue { Label = "California" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("state=06"));
        var fips = await page.Locator("#rankings-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.fips)");
        Assert.NotEmpty(fips);
        Assert.All(fips, f => Assert.StartsWith("06", f, StringComparison.Ordinal));

        await page.Locator("#rankings-table thead th a", new() { HasTextString = "Value" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rankings-table thead th[aria-sort=ascending]")).ToContainTextAsync("Value");
        var ascending = await Values(page);
        Assert.Equal(ascending.Order(), ascending);
        await page.Locator("#rankings-table thead th a", new() { HasTextString = "Value" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rankings-table thead th[aria-sort=descending]")).ToContainTextAsync("Value");
        var descending = await Values(page);
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.True(descending[0] >= ascending.Max());
        Assert.Empty(tracked.ConsoleErrors);
    }

    [Fact]
    public async Task Compare_adds_and_removes_counties_and_browser_peer_groups_survive_a_reload()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/compare?fips=01001");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Add a county" }).FillAsync("06037");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("compare\\?fips=01001&fips=06037$"));
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Add a county" }).FillAsync("Cook County, Illinois");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#compare-table thead th")).ToHaveCountAsync(5);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Los Angeles County, CA" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("compare\\?fips=01001&fips=17031$"));

        await page.GetByLabel("Save these 2 counties as").FillAsync("Autauga and Cook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save peer group" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-peer-group='Autauga and Cook']")).ToBeVisibleAsync();

        await page.GotoAsync("/rankings?metric=share_employed&year=2023");
        var group = page.Locator("[data-peer-group='Autauga and Cook']");
        await Assertions.Expect(group).ToBeVisibleAsync();
        await group.GetByRole(AriaRole.Link, new() { Name = "Rank" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rankings-table tbody tr")).ToHaveCountAsync(2);
        await page.ReloadAsync();
        await page.Locator("[data-peer-group='Autauga and Cook']").GetByRole(AriaRole.Link, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("compare\\?fips=01001&fips=17031$"));

        // The same group as the peers of a metric page.
        await page.GotoAsync("/counties/06037/metrics/share_employed?year=2023");
        await page.Locator("[data-peer-group='Autauga and Cook']").GetByRole(AriaRole.Link, new() { Name = "Use as peers here" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("peer=01001&peer=17031$"));
        await Assertions.Expect(page.Locator("#peer-table tr[data-fips='17031']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#peer-table tbody tr")).ToHaveCountAsync(3);
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Map_rankings_and_compare_have_no_serious_accessibility_violations()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        var problems = new List<string>();
        foreach (var path in new[] { "/map?metric=share_employed&year=2023", "/rankings?metric=share_employed&year=2023", "/compare?fips=01001&fips=35013&fips=06037" })
        {
            await page.GotoAsync(path);
            if (path.StartsWith("/map", StringComparison.Ordinal))
            {
                await page.Locator("#county-map[data-drawn=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            }
            problems.AddRange(await Axe.SeriousViolationsAsync(page, path));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(tracked.ConsoleErrors);
    }

    private static async Task<List<double>> Values(IPage page)
    {
        // Ranked rows only: Weak values are listed after them, unranked (docs/methods.md).
        var texts = await page.Locator("#rankings-table tbody tr:not(.is-weak) td:nth-child(4)").AllInnerTextsAsync();
        return texts.Select(t => double.Parse(t.TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
    }
}
