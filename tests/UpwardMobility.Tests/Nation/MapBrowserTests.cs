using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>The national map in Chromium, on the real files the shared app imported.</summary>
public sealed partial class NationBrowserTests
{
    private const string BirthWeightMap = "/map?metric=share_low_birth_weight&year=2023";

    [Fact]
    public async Task The_map_draws_every_county_with_a_value_and_nothing_is_fetched_from_elsewhere()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        var refused = new ConcurrentQueue<string>();
        await tracked.Context.RouteAsync("**/*", async route =>
        {
            if (TrackedPage.IsLocal(route.Request.Url))
            {
                await route.ContinueAsync();
            }
            else
            {
                refused.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(BirthWeightMap);
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        // The page's own count: "N US counties have a value", less those it lists as having no shape.
        var summary = await page.Locator("#map-summary").InnerTextAsync();
        var counted = int.Parse(Regex.Match(summary, @"^([\d,]+) US counties have a value").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var shapeless = await page.Locator("#shapeless-table tbody tr").CountAsync();
        var shapes = await page.Locator("#county-map svg a[data-value] > :is(path, circle)").CountAsync();
        Assert.True(counted > 3000, summary);
        Assert.Equal(counted - shapeless, shapes);
        // Every one of them is coloured by its value, none in the no-value grey, and each shape has an outline to draw.
        var grey = await page.Locator("#county-map svg a[data-value] > :is(path, circle)").EvaluateAllAsync<int>(
            "(shapes) => shapes.filter(s => s.getAttribute('fill') === '#d5d9de' || (s.tagName === 'path' && !/^M-?\\d/.test(s.getAttribute('d')))).length");
        Assert.Equal(0, grey);
        // Alaska's Chugach and Copper River (2019) and Falls Church (a dot) are drawn, not listed.
        foreach (var fips in new[] { "02063", "02066", "51610" })
        {
            Assert.Equal(1, await page.Locator($"#county-map a[data-fips='{fips}'][data-value]").CountAsync());
        }
        Assert.Empty(refused);
        Assert.Empty(tracked.ExternalRequests);
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }

    [Fact]
    public async Task Hovering_a_county_shows_its_name_value_interval_and_quality_and_a_click_opens_it()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync(BirthWeightMap);
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var source = BirthWeightFileValue("01001");

        // A real mouse over the middle of Autauga County (its shape's own point, not a neighbour's).
        var point = await InsidePoint(page, "01001");
        await page.Mouse.MoveAsync(point[0], point[1]);
        var details = page.Locator("#map-details");
        await Assertions.Expect(details).ToContainTextAsync("Autauga County, AL");
        await Assertions.Expect(details).ToContainTextAsync(MetricFormatter.Format(source.Value, Core.Catalog.MetricUnit.Share));
        await Assertions.Expect(details).ToContainTextAsync(MetricFormatter.FormatInterval(source.LowerBound, source.UpperBound, Core.Catalog.MetricUnit.Share)!);
        await Assertions.Expect(details).ToContainTextAsync("Quality: ");

        await page.Mouse.ClickAsync(point[0], point[1]);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/01001\\?year=2023$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Autauga");
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }

    [Fact]
    public async Task When_the_details_cannot_be_loaded_the_panel_says_so_and_never_claims_no_value()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.RouteAsync("**/map/details.json**", route => route.AbortAsync());
        await page.GotoAsync(BirthWeightMap);
        await Assertions.Expect(page.Locator("#county-map[data-detailed=error]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        // The shapes are drawn all the same, and a county is still named.
        Assert.True(await page.Locator("#county-map svg a[data-fips]").CountAsync() > 3000);
        var point = await InsidePoint(page, "01001");
        await page.Mouse.MoveAsync(point[0], point[1]);
        var details = page.Locator("#map-details");
        await Assertions.Expect(details).ToContainTextAsync("Autauga County, AL");
        await Assertions.Expect(details).ToContainTextAsync("Its value could not be loaded: the rankings table has every value of this map.");
        await Assertions.Expect(details).Not.ToContainTextAsync("No value published");
        await Assertions.Expect(details).Not.ToContainTextAsync("Loading");
        Assert.Equal("Autauga County, AL", await page.Locator("#county-map a[data-fips='01001']").GetAttributeAsync("aria-label"));
    }

    [Fact]
    public async Task On_a_phone_a_tap_shows_the_details_and_the_panels_Open_link_opens_the_county_without_sideways_scrolling()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = tracked.Page;
        foreach (var path in new[] { BirthWeightMap, BirthWeightMap + "&state=06", BirthWeightMap + "&state=02", "/map?metric=share_employed&year=2023&state=09" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
            var (scroll, inner) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
            Assert.True(scroll <= inner, $"{path}: the page is {scroll} px wide in a {inner} px window");
        }

        // Zoomed to California, a county is big enough to tap.
        await page.GotoAsync(BirthWeightMap + "&state=06");
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var point = await InsidePoint(page, "06037");
        await page.Touchscreen.TapAsync(point[0], point[1]);
        await Assertions.Expect(page.Locator("#map-details")).ToContainTextAsync("Los Angeles County, CA");
        Assert.EndsWith("state=06", page.Url, StringComparison.Ordinal);
        // A second tap keeps the selection and the page; the panel's link opens the county.
        await page.Touchscreen.TapAsync(point[0], point[1]);
        await page.WaitForTimeoutAsync(300);
        Assert.EndsWith("state=06", page.Url, StringComparison.Ordinal);
        await page.Locator("#map-details").GetByRole(AriaRole.Link, new() { Name = "Open Los Angeles County, CA" }).TapAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counties/06037\\?year=2023$"));
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }

    [Fact]
    public async Task A_keyboard_reaches_a_county_from_the_skip_link_and_Enter_opens_it()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync(BirthWeightMap + "&state=01");
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await page.Locator(".map-skip").FocusAsync();
        await Assertions.Expect(page.Locator(".map-skip")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string?>("() => document.activeElement.closest('#county-map a[data-fips]')?.getAttribute('data-fips')");
        Assert.NotNull(focused);
        Assert.StartsWith("01", focused, StringComparison.Ordinal);
        // The focused county's details are shown, and its accessible name says the same.
        var name = await page.Locator($"#county-map a[data-fips='{focused}']").GetAttributeAsync("data-name");
        await Assertions.Expect(page.Locator("#map-details")).ToContainTextAsync(name!);
        var label = await page.Locator($"#county-map a[data-fips='{focused}']").GetAttributeAsync("aria-label");
        Assert.StartsWith(name + ": ", label, StringComparison.Ordinal);
        Assert.Contains("quality", label, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/counties/{focused}\\?year=2023$"));
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }

    [Fact]
    public async Task Zooming_to_a_state_narrows_the_view_box_to_it_and_draws_only_its_counties()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync(BirthWeightMap);
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var national = await page.Locator("#county-map svg").GetAttributeAsync("viewBox");
        var nationalLA = await page.Locator("#county-map a[data-fips='06037'] path").EvaluateAsync<double>("p => p.getBoundingClientRect().width");

        await page.GetByLabel("Zoom to state").SelectOptionAsync(new SelectOptionValue { Label = "California" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("state=06"));
        await Assertions.Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var zoomed = await page.Locator("#county-map svg").GetAttributeAsync("viewBox");
        Assert.NotEqual(national, zoomed);
        var fips = await page.Locator("#county-map a[data-fips]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('data-fips'))");
        Assert.Equal(58, fips.Length); // California's 58 counties, and nothing else
        Assert.All(fips, f => Assert.StartsWith("06", f, StringComparison.Ordinal));
        var summary = await page.Locator("#map-summary").InnerTextAsync();
        var counted = int.Parse(Regex.Match(summary, @"^([\d,]+) counties in California have a value").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(counted, await page.Locator("#county-map a[data-value]").CountAsync());
        // A real zoom: the same county is drawn several times larger, and the state fills the map's width.
        var zoomedLA = await page.Locator("#county-map a[data-fips='06037'] path").EvaluateAsync<double>("p => p.getBoundingClientRect().width");
        Assert.True(zoomedLA > 2 * nationalLA, $"Los Angeles County is {zoomedLA:0} px wide zoomed, {nationalLA:0} px nationally");
        var filled = await page.EvaluateAsync<double>("() => document.querySelector('#county-map .map-counties').getBoundingClientRect().height / document.querySelector('#county-map svg').getBoundingClientRect().height");
        Assert.True(filled > 0.85, $"the counties fill {filled:P0} of the map's height");
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }

    private static SourceValue BirthWeightFileValue(string fips) =>
        UrbanSource.ReadValues(NationWebApp.BirthWeightFile, year: 2023)[new ValueKey(fips, "share_low_birth_weight", 2023, Subgroups.AllType, Subgroups.All)];

    // A point on screen inside the county's own shape that no other county covers (its box centre is not always in it).
    private static async Task<float[]> InsidePoint(IPage page, string fips)
    {
        var point = await page.EvaluateAsync<double[]?>(@"(fips) => {
            const a = document.querySelector(`#county-map a[data-fips='${fips}']`);
            a.firstElementChild.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            const r = a.firstElementChild.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
                const hit = document.elementFromPoint(x, y);
                if (hit && hit.closest('a[data-fips]') === a) return [x, y];
            }
            return null;
        }", fips);
        Assert.NotNull(point);
        return [(float)point[0], (float)point[1]];
    }
}
