using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Counties;

/// <summary>The home page's county search in Chromium, against the app on Kestrel with the demo data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CountySearchBrowserTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    private readonly string _address = app.Address;

    [Fact]
    public async Task Typing_a_name_and_picking_a_suggestion_opens_the_county()
    {
        await using var tracked = await browser.NewPageAsync(_address);
        var page = tracked.Page;

        await page.GotoAsync("/");
        // The form works as a plain GET form until the component is interactive; wait for that.
        await page.Locator("form.county-search[data-interactive=true]").WaitForAsync();
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county" });
        await box.PressSequentiallyAsync("los ang", new() { Delay = 40 });

        // Suggestions arrive as you type; wait for the ones for the whole text before picking.
        await page.Locator("#county-search-listbox[data-query='los ang']").WaitForAsync();
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Los Angeles County" });
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        await option.First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Los Angeles County");
        await Assertions.Expect(page.GetByText("Synthetic demo data").First).ToBeVisibleAsync();

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Arrow_keys_and_enter_choose_a_suggestion()
    {
        await using var tracked = await browser.NewPageAsync(_address);
        var page = tracked.Page;

        await page.GotoAsync("/");
        await page.Locator("form.county-search[data-interactive=true]").WaitForAsync();
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county" });
        await box.PressSequentiallyAsync("dona ana", new() { Delay = 40 });
        await page.Locator("#county-search-listbox[data-query='dona ana']").WaitForAsync();

        await box.PressAsync("ArrowDown");
        // The first option becomes the active descendant, selected, and Enter opens it.
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "county-search-option-0");
        await Assertions.Expect(page.Locator("#county-search-option-0")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Locator("#county-search-option-0")).ToContainTextAsync("Doña Ana County");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/35013$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Doña Ana County");
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Search_works_without_javascript()
    {
        await using var tracked = await browser.NewPageAsync(_address, new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = tracked.Page;

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county" }).FillAsync("06037");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Los Angeles County");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county" }).FillAsync("dona ana");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/counties\?q=dona(\+|%20)ana$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Doña Ana County" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/35013$"));
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Pages_have_no_serious_accessibility_violations()
    {
        await using var tracked = await browser.NewPageAsync(_address);
        var page = tracked.Page;
        var problems = new List<string>();
        // The county page also at phone width, where its tables become cards.
        foreach (var (path, width) in new[] { ("/", 1280), ("/counties?q=wash", 1280), ("/counties/06037", 1280), ("/counties/06037", 390), ("/counties/09001", 1280), ("/counties/99999", 1280) })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(path);
            if (path == "/")
            {
                // With the suggestions open and one option active.
                await page.Locator("form.county-search[data-interactive=true]").WaitForAsync();
                var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county" });
                await box.PressSequentiallyAsync("wash");
                await page.Locator("#county-search-listbox[data-query='wash']").WaitForAsync();
                await box.PressAsync("ArrowDown");
                await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "county-search-option-0");
            }
            problems.AddRange(await Axe.SeriousViolationsAsync(page, $"{path} at {width}px"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(tracked.ExternalRequests);
    }
}

/// <summary>The app with the demo data on real Kestrel (for the browser), shared by the tests of a class.</summary>
public sealed class DemoKestrelApp() : TestHost(new() { DemoData = true, Kestrel = true });
