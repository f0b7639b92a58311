using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.ImportPages;

/// <summary>
/// An open /import page (a live circuit) checks the account in the database before each action: an analyst
/// disabled, or demoted, by an administrator while the page is open is refused at the next click, with nothing
/// written, however fresh the circuit's sign-in still looks.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ImportPageRecheckBrowserTests(BrowserFixture browser)
{
    private const string FileName = "county-debt-coll-shares-2022.csv";

    [Theory]
    [InlineData("disabled")]
    [InlineData("demoted")]
    public async Task An_open_import_page_refuses_an_analyst_who_was_disabled_or_demoted(string change)
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var adminId = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var analystId = await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;

        await page.GotoAsync("/account/sign-in?ReturnUrl=%2Fimport");
        await page.GetByLabel("Email").FillAsync("analyst@example.org");
        await page.GetByLabel("Password").FillAsync(TestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/import");
        await page.Locator("section[data-interactive='true']").WaitForAsync();
        await page.GetByLabel("CSV files to import").SetInputFilesAsync(Path.Combine(TestEnvironment.UrbanDataPath, "components", FileName));
        var fileRow = page.Locator("table.import-files tbody tr", new() { HasText = FileName });
        await Expect(fileRow).ToContainTextAsync("not checked yet", new() { Timeout = 60_000 });
        await page.GetByLabel("Dry run", new() { Exact = false }).UncheckAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            var result = change == "disabled"
                ? await admin.SetDisabledAsync(analystId, true, "admin@example.org", adminId)
                : await admin.SetRolesAsync(analystId, [Roles.Planner], "06037", "admin@example.org", adminId);
            Assert.True(result.Ok, result.Message);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Import files" }).ClickAsync();
        await Expect(page.Locator(".import-status")).ToContainTextAsync("may no longer import data", new() { Timeout = 10_000 });
        await Expect(fileRow).ToContainTextAsync("not checked yet");
        await using var db = app.CreateContext();
        Assert.Equal(0, await db.Imports.CountAsync());
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.UserName).ToListAsync(), n => n != null && n.Contains("anonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_import_page_refuses_an_upload_from_an_analyst_disabled_a_moment_ago()
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var adminId = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var analystId = await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/account/sign-in?ReturnUrl=%2Fimport");
        await page.GetByLabel("Email").FillAsync("analyst@example.org");
        await page.GetByLabel("Password").FillAsync(TestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/import");
        await page.Locator("section[data-interactive='true']").WaitForAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(analystId, true, "admin@example.org", adminId)).Ok);
        }
        await page.GetByLabel("CSV files to import").SetInputFilesAsync(Path.Combine(TestEnvironment.UrbanDataPath, "components", FileName));

        await Expect(page.GetByText("nothing was uploaded", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(page.Locator("table.import-files tbody tr", new() { HasText = FileName })).ToHaveCountAsync(0);
    }
}
