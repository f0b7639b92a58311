using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.Phone;

/// <summary>The map, compare and rankings pages by touch and on a phone's screen (issue #28), over the real files of <see cref="PhoneApp"/>.</summary>
public sealed partial class PhoneBrowserTests
{
    private const string EmploymentMap = "/map?metric=share_employed&year=2021";

    /// <summary>
    /// The pages' heights at 390 px before issue #28 (measured by these tests on these files; docs/performance.md):
    /// each page must now be at most half as tall.
    /// </summary>
    private const int CompareHeightBefore = 22_040, RankingsHeightBefore = 13_643;

    private static BrowserNewContextOptions TouchPhone => new() { ViewportSize = PhoneChecks.Phone, IsMobile = true, HasTouch = true };

    // Franklin County, Ohio (the county of the report) and its neighbour Union; the largest county, a dense city
    // county and one of New York's smallest: five sizes of shape.
    [Fact]
    public async Task On_a_phone_a_finger_tap_selects_the_county_under_it_and_only_the_panel_opens_it()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, TouchPhone);
        var page = tracked.Page;
        await page.GotoAsync(EmploymentMap);
        await Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        // The map is on the first screen: the form is folded away on a phone.
        var mapTop = await page.Locator("#county-map svg").EvaluateAsync<double>("s => s.getBoundingClientRect().top + window.scrollY");
        Assert.True(mapTop < PhoneChecks.Phone.Height - 100, $"the map starts {mapTop:0} px down a {PhoneChecks.Phone.Height} px screen");

        var cdp = await page.Context.NewCDPSessionAsync(page);
        var details = page.Locator("#map-details");
        foreach (var fips in new[] { "39049", "39159", "06071", "17031", "36061" })
        {
            var point = await PointInsideAsync(page, fips);
            var name = await page.Locator($"#county-map a[data-fips='{fips}']").GetAttributeAsync("data-name");
            await FingerTapAsync(cdp, point);
            await Expect(details.Locator(".map-details-name")).ToHaveTextAsync(name!);
            await Expect(page.Locator("#county-map a.is-current")).ToHaveAttributeAsync("data-fips", fips);
            Assert.EndsWith(EmploymentMap, page.Url, StringComparison.Ordinal);
            await Expect(details.GetByRole(AriaRole.Link, new() { Name = $"Open {name}" })).ToBeVisibleAsync();
        }

        // A second tap on the same county keeps the page: only the panel's "Open" opens the county.
        var franklin = await PointInsideAsync(page, "39049");
        await FingerTapAsync(cdp, franklin);
        await Expect(details.Locator(".map-details-name")).ToHaveTextAsync("Franklin County, OH");
        await FingerTapAsync(cdp, franklin);
        await page.WaitForTimeoutAsync(300);
        Assert.EndsWith(EmploymentMap, page.Url, StringComparison.Ordinal);

        // The state zoom is a tap away, and the county is then drawn large enough to tap.
        await details.GetByRole(AriaRole.Link, new() { Name = "Zoom to Ohio" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("state=39"));
        // The state's own map (map--state), drawn with its details: not the nation's, still in the page as the URL changes.
        await Expect(page.Locator("#county-map.map--state[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        Assert.Equal(88, await page.Locator("#county-map a[data-fips]").CountAsync());
        await FingerTapAsync(cdp, await PointInsideAsync(page, "39049"));
        // The state's details arrive after its shapes and redraw the panel once: tap "Open" in the panel they leave.
        await Expect(details.Locator(".map-details-value")).ToBeVisibleAsync();
        await Expect(details.Locator(".map-details-name")).ToHaveTextAsync("Franklin County, OH");
        // A finger on "Open" (where a reader's finger lands, whatever redraws the panel meanwhile).
        await Expect(details.GetByRole(AriaRole.Link, new() { Name = "Open Franklin County, OH" })).ToBeVisibleAsync();
        var openAt = await page.EvaluateAsync<double[]>(@"() => {
            const open = document.querySelector('#map-details a.map-details-open');
            open.scrollIntoView({ block: 'center', behavior: 'instant' });
            const r = open.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2];
        }");
        await FingerTapAsync(cdp, openAt);
        await Expect(page).ToHaveURLAsync(new Regex("/counties/39049\\?year=2021$"), new() { Timeout = 30_000 });
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
    }

    [Fact]
    public async Task On_a_phone_the_map_finds_a_county_by_name_and_the_folded_form_still_zooms_to_a_state()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, TouchPhone);
        var page = tracked.Page;
        await page.GotoAsync(EmploymentMap);
        await Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Find a county on the map").FillAsync("Franklin County, Ohio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).TapAsync();
        await Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#county-map a.is-current")).ToHaveAttributeAsync("data-fips", "39049");
        await Expect(page.Locator("#map-details .map-details-name")).ToHaveTextAsync("Franklin County, OH");

        var options = page.Locator("details.map-options");
        await Expect(options).Not.ToHaveAttributeAsync("open", "");
        await options.Locator("summary").TapAsync();
        await page.GetByLabel("Zoom to state").SelectOptionAsync(new SelectOptionValue { Label = "Ohio" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("state=39"));
        await Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        Assert.Equal(88, await page.Locator("#county-map a[data-fips]").CountAsync()); // Ohio's 88 counties
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
    }

    [Fact]
    public async Task At_desktop_width_a_click_on_a_county_still_opens_it_and_the_form_is_open()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync(EmploymentMap);
        await Expect(page.Locator("#county-map[data-detailed=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByLabel("Zoom to state")).ToBeVisibleAsync();
        var point = await PointInsideAsync(page, "39049");
        await page.Mouse.MoveAsync((float)point[0], (float)point[1]);
        await Expect(page.Locator("#map-details .map-details-name")).ToHaveTextAsync("Franklin County, OH");
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await Expect(page).ToHaveURLAsync(new Regex("/counties/39049\\?year=2021$"));
    }

    [Fact]
    public async Task On_a_phone_compare_opens_with_its_summary_and_is_at_most_half_as_tall_as_before()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/compare?fips=06037&fips=17031&fips=48201&fips=04013");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height * 2 <= CompareHeightBefore, $"compare is {height} px tall on a phone ({CompareHeightBefore} px before)");
        // The summary comes before the table.
        var (summary, table) = (await TopAsync(page, "#compare-summary"), await TopAsync(page, "#compare-table"));
        Assert.True(summary < table, $"the summary is at {summary:0} px, the table at {table:0} px");
        Assert.Null(await PhoneChecks.SidewaysScrollAsync(page));
    }

    [Fact]
    public async Task On_a_phone_the_rankings_are_at_most_half_as_tall_as_before_and_nothing_is_wider_than_the_screen()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/rankings?metric=share_employed&year=2021");
        await Expect(page.Locator("#rankings-table tbody tr")).ToHaveCountAsync(50);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height * 2 <= RankingsHeightBefore, $"the rankings are {height} px tall on a phone ({RankingsHeightBefore} px before)");
        var wide = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main *')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > window.innerWidth || r.right > window.innerWidth + 1; })
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')");
        Assert.True(wide.Length == 0, string.Join(", ", wide));
        // Each county is still one row: its rank, name and value side by side.
        var row = page.Locator("#rankings-table tbody tr").First;
        var (rank, name, value) = (await row.Locator("td").First.BoundingBoxAsync(), await row.Locator("th").BoundingBoxAsync(), await row.Locator("td").Nth(2).BoundingBoxAsync());
        Assert.True(Math.Abs(rank!.Y - name!.Y) < 8 && Math.Abs(name.Y - value!.Y) < 8, $"rank at {rank.Y}, name at {name.Y}, value at {value.Y}");
    }

    private static async Task<double> TopAsync(IPage page, string selector) =>
        await page.Locator(selector).EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");

    /// <summary>
    /// A point on screen inside the county's own shape (its fill, by <c>isPointInFill</c>: the box centre when it is
    /// inside, else the nearest inside point of a scan) that no other shape covers; scrolled to the middle of the screen.
    /// </summary>
    private static async Task<double[]> PointInsideAsync(IPage page, string fips)
    {
        var point = await page.EvaluateAsync<double[]?>(@"(fips) => {
            const a = document.querySelector(`#county-map a[data-fips='${fips}']`);
            const shape = a.firstElementChild;
            shape.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            const r = shape.getBoundingClientRect();
            const toShape = shape.getScreenCTM().inverse();
            const inside = (x, y) => {
                const p = new DOMPoint(x, y).matrixTransform(toShape);
                const hit = document.elementFromPoint(x, y);
                return shape.isPointInFill(p) && hit && hit.closest('a[data-fips]') === a;
            };
            const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
            if (inside(cx, cy)) return [cx, cy];
            let best = null;
            for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
                const [x, y] = [r.left + r.width * i / 24, r.top + r.height * j / 24];
                const d = (x - cx) ** 2 + (y - cy) ** 2;
                if (inside(x, y) && (!best || d < best[2])) best = [x, y, d];
            }
            return best && [best[0], best[1]];
        }", fips);
        Assert.True(point is not null, $"no point inside {fips}'s shape");
        return point;
    }

    /// <summary>A tap of a finger (a contact 22 px across, as a fingertip's), not of a mouse-like point.</summary>
    private static async Task FingerTapAsync(ICDPSession cdp, double[] point)
    {
        var touch = new Dictionary<string, object> { ["x"] = point[0], ["y"] = point[1], ["radiusX"] = 11, ["radiusY"] = 11, ["force"] = 1 };
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchStart", ["touchPoints"] = new[] { touch } });
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
    }
}
