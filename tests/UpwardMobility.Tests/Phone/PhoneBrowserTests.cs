using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.Phone;

/// <summary>Every kind of page at 390×844 in Chromium over real data (see <see cref="PhoneApp"/>), and sharing.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneBrowserTests(BrowserFixture browser, PhoneApp app) : IClassFixture<PhoneApp>
{
    public static TheoryData<string> PublicPages =>
    [
        "/",
        "/counties",
        "/counties/06037",
        "/map?metric=share_employed&year=2021",
        "/rankings?metric=share_employed&year=2021",
        "/compare?fips=06037&fips=17031&fips=48201&fips=04013",
        "/account/sign-in",
        "/embed/counties/06037/metrics/share_employed/subgroups?year=2021&subgroup_type=gender",
        "/embed/map?metric=share_employed&year=2021",
        // Trend, target, distribution and peer charts: "Share of low-income commuters using public transit" is the
        // longest measure name, "Employment-to-population" the longest word, the state benchmark the longest legend name.
        "/counties/06037/pillars/rewarding-work?year=2021",
        "/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender",
        "/counties/06037/plan",
        "/counties/06037/metrics/share_transit_commuter",
        "/embed/counties/06037/metrics/share_transit_commuter/trend",
        // The longest metric key (in "About this measure") and value unit ("per 100 households").
        "/counties/06037/metrics/share_affordable_available_30_ami",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_fits_a_phone_its_charts_do_not_collide_and_axe_finds_nothing_serious(string path)
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var problems = await CheckAsync(tracked.Page, path);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task The_signed_in_pages_fit_a_phone_and_axe_finds_nothing_serious()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(PhoneApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(PhoneApp.AdminEmail);

        var problems = new List<string>();
        foreach (var path in new[]
        {
            "/counties/06037/plan/edit", "/import", "/import/history", "/admin", "/admin/users", $"/admin/users/{app.AdminId}",
            "/admin/counties", "/admin/counties/06037", "/admin/metrics", "/admin/metrics/share_employed", "/admin/audit",
        })
        {
            problems.AddRange(await CheckAsync(page, path));
        }
        await page.GotoAsync("/import/history");
        var report = await page.Locator("a[href*='import/history/']").First.GetAttributeAsync("href");
        Assert.NotNull(report);
        problems.AddRange(await CheckAsync(page, "/" + report.TrimStart('/')));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
        Assert.Empty(tracked.ExternalRequests);
    }

    [Theory]
    [InlineData("/counties/06037")]
    [InlineData("/counties/06037/pillars/opportunity-rich-inclusive-neighborhoods")]
    [InlineData("/counties/06037/metrics/share_affordable_available_30_ami")]
    [InlineData("/compare?fips=06037&fips=17031&fips=48201&fips=04013")]
    public async Task At_desktop_width_no_page_scrolls_sideways(string path)
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path}: HTTP {response?.Status}");
        await PhoneChecks.WaitForChartsAsync(page);
        // The value the table must hold, so the check cannot pass on a page without it.
        if (path == "/counties/06037")
        {
            await Expect(page.Locator("tr[data-metric='share_affordable_available_30_ami'] .metric-row__value")).ToContainTextAsync("per 100 households");
        }
        Assert.Null(await PhoneChecks.SidewaysScrollAsync(page));
    }

    [Fact]
    public async Task At_desktop_width_the_metric_charts_do_not_collide_either()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        foreach (var path in new[] { "/counties/06037/metrics/share_transit_commuter", "/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender" })
        {
            await page.GotoAsync(path);
            await PhoneChecks.WaitForChartsAsync(page);
            Assert.True(await PhoneChecks.ChartTitleCountAsync(page) >= 4, $"{path}: chart titles not found");
            var collisions = await PhoneChecks.ChartCollisionsAsync(page);
            Assert.True(collisions.Count == 0, path + ": " + string.Join("; ", collisions));
        }
    }

    [Fact]
    public async Task On_a_phone_the_county_page_opens_one_pillar_at_a_time_under_a_sticky_county_name_and_prints_them_all()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/counties/06037");
        var folds = page.Locator("details[data-fold]");
        await Expect(folds).ToHaveCountAsync(5);
        await Expect(page.Locator("details[data-fold][open]")).ToHaveCountAsync(1);
        Assert.True(await folds.First.EvaluateAsync<bool>("d => d.open"));

        // Opening another pillar closes the first.
        await folds.Nth(2).Locator(":scope > summary").ClickAsync();
        await Expect(page.Locator("details[data-fold][open]")).ToHaveCountAsync(1);
        Assert.True(await folds.Nth(2).EvaluateAsync<bool>("d => d.open"));

        // The pillar links jump to a pillar and open it.
        await page.Locator(".pillar-jump a").Nth(4).ClickAsync();
        await Expect(page.Locator("#pillar-responsive-just-governance details[data-fold]")).ToHaveAttributeAsync("open", "");
        await Expect(page.Locator("details[data-fold][open]")).ToHaveCountAsync(1);

        // Far down the page the county's name stays at the top of the screen.
        await page.Locator("#pillar-responsive-just-governance .predictor").Last.ScrollIntoViewIfNeededAsync();
        var name = page.Locator(".county-sticky__name");
        await Expect(name).ToHaveTextAsync("Los Angeles County, CA");
        var box = await name.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y, 0, 20);
        Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 2000);

        // The header is compact: under an eighth of the first screen.
        var header = await page.Locator(".site-header").BoundingBoxAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Assert.NotNull(header);
        Assert.True(header.Height <= 844 / 8, $"header {header.Height}px tall");

        // On paper: every pillar, no navigation or buttons, the sources and this page's address.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal(await page.Locator("tr[data-metric]").CountAsync(), await page.Locator("tr[data-metric]:visible").CountAsync());
        await Expect(page.Locator("#pillar-rewarding-work tr[data-metric='share_employed']")).ToBeVisibleAsync();
        foreach (var hidden in new[] { ".site-header", ".copy-link", ".pillar-jump", ".breadcrumb", ".year-form", ".pillar-fold__summary" })
        {
            Assert.Equal(0, await page.Locator(hidden + ":visible").CountAsync());
        }
        await Expect(page.Locator(".print-url")).ToHaveTextAsync($"This view: {app.Address}/counties/06037");
        await Expect(page.Locator(".site-footer")).ToContainTextAsync("Upward Mobility Framework");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.SetViewportSizeAsync(1280, 900);
        await Expect(page.Locator("details[data-fold][open]")).ToHaveCountAsync(5);
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
    }

    [Fact]
    public async Task On_a_phone_compare_shows_every_county_of_a_measure_with_its_quality_and_difference_in_one_card()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions { ViewportSize = PhoneChecks.Phone });
        var page = tracked.Page;
        await page.GotoAsync("/compare?fips=06037&fips=17031&fips=48201&fips=04013&year=2021");
        var card = page.Locator("#compare-table tr[data-metric='share_employed']");
        var cells = card.Locator("td[data-fips]");
        await Expect(cells).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            var cell = cells.Nth(i);
            var box = await cell.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"cell {i} spans {box.X}..{box.X + box.Width}");
            await Expect(cell.Locator(".quality-badge")).ToBeVisibleAsync();
        }
        await Expect(cells.Nth(1).Locator(".compare-difference")).ToBeVisibleAsync();
        // Each value is labelled with its county's name.
        Assert.Equal("Cook County, IL", await cells.Nth(1).EvaluateAsync<string>("td => getComputedStyle(td, '::before').content.replaceAll('\"', '')"));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal(0, await page.Locator(".view-form:visible, .copy-link:visible, .compare-remove:visible, .site-header:visible").CountAsync());
        await Expect(page.Locator(".print-url")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Copy_link_copies_the_address_of_the_view()
    {
        await using var tracked = await browser.NewPageAsync(app.Address, new BrowserNewContextOptions
        {
            ViewportSize = PhoneChecks.Phone,
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = tracked.Page;
        await page.GotoAsync("/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender");
        var link = page.GetByTestId("copy-link");
        await Expect(link).ToHaveAttributeAsync("href", "counties/06037/metrics/share_employed?year=2021&subgroup_type=gender");
        await link.ClickAsync();
        await Expect(page.Locator(".copy-link__status")).ToHaveTextAsync("Link copied.");
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.EndsWith("/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender", page.Url, StringComparison.Ordinal);
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, tracked.ConsoleErrors));
    }

    [Fact]
    public async Task Another_site_can_frame_the_embed_routes_but_not_the_dashboard()
    {
        // Chromium's Local Network Access checks keep another site's frame from loading a loopback address (the app
        // under test) unless that site is itself local (*.localhost) and the user allowed it; a real embedder and a real
        // deployment are both public, where no such check applies.
        await using var tracked = await browser.NewPageAsync(app.Address, grant: ["local-network-access"]);
        var page = tracked.Page;
        // A page of another origin, served by the test (no request leaves the machine).
        await page.RouteAsync("http://embedder.localhost/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                <!DOCTYPE html><html><body>
                <iframe name="trend" title="trend" width="600" height="520" src="{app.Address}/embed/counties/06037/metrics/share_employed/trend?year=2021"></iframe>
                <iframe name="map" title="map" width="900" height="700" src="{app.Address}/embed/map?metric=share_employed&amp;year=2021"></iframe>
                <iframe name="page" title="page" width="600" height="400" src="{app.Address}/counties/06037"></iframe>
                </body></html>
                """,
        }));
        await page.GotoAsync("http://embedder.localhost/");
        await Expect(page.FrameLocator("iframe[name=trend]").Locator("#trend-chart svg.main-svg").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(page.FrameLocator("iframe[name=map]").Locator("#county-map[data-drawn=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        // The server-drawn SVG: one link per county shape.
        Assert.True(await page.FrameLocator("iframe[name=map]").Locator("#county-map svg a[data-fips]").CountAsync() > 3000);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var blocked = page.Frame("page");
        Assert.NotNull(blocked);
        // Chromium replaces a frame its policy refuses with an error page.
        Assert.StartsWith("chrome-error:", blocked.Url, StringComparison.Ordinal);
        Assert.Equal(0, await blocked.Locator("h1:has-text('Los Angeles County')").CountAsync());
        Assert.DoesNotContain(tracked.ExternalRequests, r => !r.Contains("embedder.localhost", StringComparison.Ordinal));
    }

    private static async Task<List<string>> CheckAsync(IPage page, string path)
    {
        var problems = new List<string>();
        var response = await page.GotoAsync(path);
        if (response is not { Ok: true })
        {
            return [$"{path}: HTTP {response?.Status}"];
        }
        await PhoneChecks.WaitForChartsAsync(page);
        if (await PhoneChecks.SidewaysScrollAsync(page) is { } wide)
        {
            problems.Add($"{path}: {wide}");
        }
        problems.AddRange((await PhoneChecks.ChartCollisionsAsync(page)).Select(p => $"{path}: {p}"));
        problems.AddRange((await PhoneChecks.UntitledNarrowChartsAsync(page)).Select(id => $"{path}: {id} shows no value-axis title"));
        problems.AddRange((await PhoneChecks.CutCaptionsAsync(page)).Select(p => $"{path}: {p}"));
        problems.AddRange(await PhoneChecks.SeriousAxeViolationsAsync(page, path));
        return problems;
    }
}
