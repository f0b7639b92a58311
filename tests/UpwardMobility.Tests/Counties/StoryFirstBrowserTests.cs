using Microsoft.Playwright;
using UpwardMobility.Tests.Infrastructure;
using UpwardMobility.Tests.Phone;

namespace UpwardMobility.Tests.Counties;

/// <summary>
/// The app on Kestrel over SQLite with every real county file of the test data imported (the populations first): the
/// county page as long as real data make it.
/// </summary>
public sealed class EveryCountyFileApp() : TestHost(new() { Kestrel = true, Files = EveryFile() })
{
    private static string[] EveryFile() =>
    [
        "components/county-populations.csv",
        .. new[] { "components", "subgroups" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(TestEnvironment.UrbanDataPath, folder), "*.csv")
                .Order(StringComparer.Ordinal)
                .Select(path => folder + "/" + Path.GetFileName(path)))
            .Where(f => f != "components/county-populations.csv"),
    ];
}

/// <summary>
/// Issue 28: a place's page tells its story first. The summary is on the first screen at 1280 and 390 px, metric names
/// never break inside a word, the page is at most half as tall as it was, and it leads on to compare, the map and a plan.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoryFirstBrowserTests(BrowserFixture browser, EveryCountyFileApp app) : IClassFixture<EveryCountyFileApp>
{
    /// <summary>
    /// The county page's height at 1280 × 900 before issue 28 (82a48cb), with every county file of the test data
    /// imported, measured on that commit in the same Chromium (docs/performance.md).
    /// </summary>
    private static readonly Dictionary<string, double> HeightBefore = new(StringComparer.Ordinal)
    {
        ["06037"] = 21_799, // Los Angeles County: 24 cities listed before its summary
        ["39049"] = 21_560, // Franklin County, Ohio
    };

    public static TheoryData<string, int, int> FirstScreens => new()
    {
        { "/counties/06037", 1280, 900 },
        { "/counties/06037", 390, 844 },
        { "/counties/39049", 1280, 900 },
        { "/counties/39049", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(FirstScreens))]
    public async Task The_summary_starts_on_the_first_screen(string path, int width, int height)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });
        var page = tracked.Page;
        await page.GotoAsync(path);
        var top = await page.Locator("#county-summary-title").EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        Assert.True(top < height - 60, $"The summary's heading starts at y={top:0} in a {height} px window.");
        // Its first line of content is in view too, not just the heading.
        var firstItem = await page.Locator(".county-summary li").First.EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        Assert.True(firstItem < height, $"The summary's first item starts at y={firstItem:0}.");
        Assert.Empty(tracked.ExternalRequests);
    }

    [Theory]
    [InlineData("06037")]
    [InlineData("39049")]
    public async Task At_1280_px_the_county_page_is_at_most_half_as_tall_as_before(string fips)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        await tracked.Page.GotoAsync($"/counties/{fips}");
        var height = await tracked.Page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        Assert.True(height <= HeightBefore[fips] / 2, $"The page is {height:N0} px tall; it was {HeightBefore[fips]:N0} px.");
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task No_metric_name_breaks_inside_a_word(int width)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 844 } });
        var page = tracked.Page;
        await page.GotoAsync("/counties/39049");
        // Each word (hyphenated words by part) of each name in a range of its own: a word drawn on two lines has two boxes.
        var broken = await page.EvaluateAsync<string[]>(@"() => {
            const out = [];
            for (const a of document.querySelectorAll('.metric-row__label > a, .summary-list a')) {
                const text = a.firstChild;
                if (!text || text.nodeType !== Node.TEXT_NODE) continue;
                const re = /[^\s\-‐]+/g; let m; // a break after a hyphen is a hyphen's own
                while ((m = re.exec(text.data))) {
                    const r = document.createRange();
                    r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
                    const lines = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
                    if (lines.size > 1) out.push(m[0] + ' in ' + text.data);
                }
            }
            return out;
        }");
        Assert.True(broken.Length == 0, string.Join(Environment.NewLine, broken));
        Assert.Null(await PhoneChecks.SidewaysScrollAsync(page));
    }

    [Fact]
    public async Task The_county_page_leads_on_to_compare_the_map_and_a_plan()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/counties/39049");

        // Compare: Franklin County and three Ohio counties nearest in population, each of them a real county.
        var compare = page.GetByTestId("compare-this-place");
        var href = await compare.GetAttributeAsync("href");
        Assert.StartsWith("compare?fips=39049&fips=39", href, StringComparison.Ordinal);
        Assert.Equal(4, href!.Split('&').Length);
        await compare.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Compare");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Franklin County");

        await page.GoBackAsync();
        await page.GetByTestId("see-on-map").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/map\\?state=OH$"));

        await page.GotoAsync("/counties/39049");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start a mobility action plan" })).ToBeVisibleAsync();

        // Every link of the main menu is in view on a phone ("Compar…" was cut off, "The framework" hidden).
        foreach (var name in new[] { "Counties", "Cities", "Map", "Rankings", "Compare", "The framework" })
        {
            var box = await page.Locator(".site-nav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= PhoneChecks.Phone.Width, $"{name} is at x={box.X:0}–{box.X + box.Width:0}.");
        }
    }
}
