using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.Accounts;

/// <summary>In Chromium, under the app's Content-Security-Policy: an analyst imports a real file; an admin renames a county.</summary>
[Collection(BrowserCollection.Name)]
public class AccountBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task An_analyst_signs_in_imports_a_file_and_signs_out()
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var address = app.Address;
        await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        await using var tracked = await browser.NewPageAsync(address);
        var page = tracked.Page;

        // The import page sends an anonymous visitor to sign in, and back after.
        await page.GotoAsync("/import");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Fimport");
        await page.SignInAsync("analyst@example.org");
        await page.WaitForURLAsync("**/import");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("analyst@example.org");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

        const string name = "voter-turnout-2020.csv";
        await page.Locator("section[data-interactive='true']").WaitForAsync();
        // The input is enabled once the circuit is ready to take the upload.
        await Expect(page.GetByLabel("CSV files to import")).ToBeEnabledAsync();
        await page.GetByLabel("CSV files to import").SetInputFilesAsync(Path.Combine(TestEnvironment.UrbanDataPath, "components", name));
        var fileRow = page.Locator("table.import-files tbody tr", new() { HasText = name });
        await Expect(fileRow).ToContainTextAsync("not checked yet", new() { Timeout = 60_000 });
        await page.GetByLabel("Dry run", new() { Exact = false }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import files" }).ClickAsync();
        await Expect(page.Locator(".import-status")).ToContainTextAsync("1 of 1 file imported", Slow);

        await using (var db = app.CreateContext())
        {
            var import = await db.Imports.SingleAsync(i => !i.IsDemo);
            Assert.Equal(name, import.FileName);
            Assert.Equal("analyst@example.org", import.UserName);
            Assert.Equal(ImportStatus.Committed, import.Status);
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ImportCommit);
            Assert.Equal("analyst@example.org", entry.UserName);
            Assert.Equal(import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityKey);
        }

        // The history shows it; an analyst may not roll back.
        await page.GotoAsync("/import/history");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("table.history-table")).ToContainTextAsync(name);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Roll back" })).ToHaveCountAsync(0);
        await Expect(page.Locator("table.history-table")).ToContainTextAsync("Administrators can roll back");

        // Sign out: back to an anonymous visitor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/import");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Fimport");

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task An_admin_renames_a_county_and_its_page_shows_the_new_name()
    {
        await using var app = await TestHost.StartAsync(new() { DemoData = true, Kestrel = true });
        var address = app.Address;
        await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        await using var tracked = await browser.NewPageAsync(address);
        var page = tracked.Page;

        // The county list is cached by the app: look at it first so the rename must drop that copy.
        await page.GotoAsync("/counties");
        await Expect(page.Locator("main")).ToContainTextAsync("Los Angeles County");

        await page.SignInAsync("admin@example.org");
        await page.WaitForURLAsync(address + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await page.Locator("nav.admin-nav").GetByRole(AriaRole.Link, new() { Name = "Counties" }).ClickAsync();
        await page.GetByLabel("Name, state or FIPS code").FillAsync("06037");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Los Angeles County" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/counties/06037");

        await page.Locator("#county-name").FillAsync("Greater Los Angeles County");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByTestId("admin-result")).ToContainTextAsync("Renamed Los Angeles County to Greater Los Angeles County");
        await Expect(page.Locator("h1")).ToContainTextAsync("Greater Los Angeles County");
        await Expect(page.Locator("table.coverage")).ToBeVisibleAsync(); // the demo data's coverage

        await page.GetByRole(AriaRole.Link, new() { Name = "The county's public page" }).ClickAsync();
        await page.WaitForURLAsync("**/counties/06037");
        await Expect(page.Locator("h1")).ToContainTextAsync("Greater Los Angeles County");
        await page.GotoAsync("/counties");
        await Expect(page.Locator("main")).ToContainTextAsync("Greater Los Angeles County");

        await page.GotoAsync("/admin/audit?action=county.rename");
        await Expect(page.Locator("table.admin-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.admin-table tbody")).ToContainTextAsync("admin@example.org");

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task Plotly_basic_draws_a_chart_under_the_content_security_policy()
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var address = app.Address;
        await using var tracked = await browser.NewPageAsync(address);
        var page = tracked.Page;
        // The app's policy, on a test page of the app's origin that loads Plotly.Blazor's bundled script from the app.
        var csp = (await page.APIRequest.GetAsync(address + "/healthz")).Headers["content-security-policy"];
        await page.RouteAsync(address + "/csp-chart-check", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = csp },
            Body = """
                <!DOCTYPE html><html><head><title>chart</title>
                <script src="/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js"></script></head>
                <body><div id="chart"></div></body></html>
                """,
        }));
        await page.GotoAsync("/csp-chart-check");
        await page.EvaluateAsync("""
            () => Plotly.newPlot('chart', [
                { x: [2019, 2020, 2021, 2022], y: [0.5, 0.55, 0.52, 0.6], type: 'scatter', mode: 'lines+markers', name: 'value' },
                { x: [2019, 2022], y: [0.5, 0.7], type: 'scatter', mode: 'lines', line: { dash: 'dot' }, name: 'path' },
                { x: [2019, 2020, 2021, 2022], y: [0.45, 0.5, 0.47, 0.55], fill: 'tonexty', type: 'scatter', mode: 'none' }
            ], { title: { text: 'check' } })
            """);
        await Expect(page.Locator("#chart .main-svg").First).ToBeVisibleAsync();
        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
    }
}
