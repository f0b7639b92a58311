using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.ImportPages;

/// <summary>The analyst's whole path in Chromium: upload a real file, dry run, read the report, commit, roll back.</summary>
[Collection(BrowserCollection.Name)]
public class ImportPageBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task Upload_dry_run_commit_and_roll_back_a_real_file()
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var address = app.Address;
        await app.CreateUserAsync(UserEmail, [Roles.Analyst, Roles.Admin]); // admins may also roll back
        await using var tracked = await browser.NewPageAsync(address);
        var page = tracked.Page;

        await page.GotoAsync("/account/sign-in?ReturnUrl=%2Fimport");
        await page.SignInAsync(UserEmail);
        await page.WaitForURLAsync("**/import");

        const string name = "metrics_income_county_all_longitudinal.csv";
        var file = Path.Combine(TestEnvironment.UrbanDataPath, "components", name);
        var dataRows = File.ReadLines(file).Skip(1).Count(l => l.Trim().Length > 0);
        var dataRowsText = dataRows.ToString("#,##0", CultureInfo.InvariantCulture);

        await page.Locator("section[data-interactive='true']").WaitForAsync();
        await Expect(page.GetByLabel("CSV files to import")).ToBeEnabledAsync();

        // A file of the wrong type is refused with a message; nothing else is lost.
        await page.GetByLabel("CSV files to import").SetInputFilesAsync(new FilePayload
        {
            Name = "book.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = [0x50, 0x4B, 0x03, 0x04],
        });
        await Expect(page.Locator(".import-messages")).ToContainTextAsync("book.xlsx was not uploaded");

        await page.GetByLabel("CSV files to import").SetInputFilesAsync(file);
        var fileRow = page.Locator("table.import-files tbody tr", new() { HasText = name });
        await Expect(fileRow).ToContainTextAsync("not checked yet", new() { Timeout = 60_000 });
        await Expect(page.Locator(".import-messages li")).ToHaveCountAsync(0);

        // Dry run (the default).
        await Expect(page.GetByLabel("Dry run", new() { Exact = false })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check files (dry run)" }).ClickAsync();
        var result = page.Locator("article.import-result", new() { HasText = name });
        await Expect(result.Locator("[data-testid=report-headline]")).ToContainTextAsync("ready to import", new() { Timeout = 120_000 });
        await Expect(result.Locator("[data-count=rows-read]")).ToHaveTextAsync(dataRowsText);
        await Expect(result.Locator("[data-count=rejected]")).ToHaveTextAsync("0");
        await Expect(result).ToContainTextAsync("pctl_income_20");
        await Expect(result).ToContainTextAsync("nothing has been written");
        await using (var db = app.CreateContext())
        {
            Assert.Equal(0, await db.Imports.CountAsync(i => !i.IsDemo));
        }

        // Commit with one click, re-using the uploaded file.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import this file" }).ClickAsync();
        await Expect(result.Locator("[data-testid=report-headline]")).ToContainTextAsync("Imported:", new() { Timeout = 120_000 });
        await Expect(result.Locator("[data-count=rows-read]")).ToHaveTextAsync(dataRowsText);
        await Expect(page.Locator(".import-status")).ToContainTextAsync("1 of 1 file imported", Slow);
        await Expect(fileRow).ToContainTextAsync("Imported (import");
        int importId;
        await using (var db = app.CreateContext())
        {
            var import = await db.Imports.SingleAsync(i => !i.IsDemo);
            importId = import.Id;
            Assert.Equal(name, import.FileName);
            Assert.Equal(ImportStatus.Committed, import.Status);
            Assert.Equal(UserEmail, import.UserName);
            Assert.True(await db.MetricValues.CountAsync(v => v.ImportId == importId) > 0);
        }

        // History: the import, linked to its report; roll it back after confirming.
        await page.GetByRole(AriaRole.Link, new() { Name = "Import history" }).ClickAsync();
        await page.WaitForURLAsync("**/import/history");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.Locator($"tr[data-import-id='{importId}']");
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Committed");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveAttributeAsync("href", $"import/history/{importId}");

        await row.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Yes, roll back" })).ToBeFocusedAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Yes, roll back" })).ToHaveCountAsync(0);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(ImportStatus.Committed, (await db.Imports.SingleAsync(i => i.Id == importId)).Status);
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, roll back" }).ClickAsync();
        await Expect(page.Locator(".history-message")).ToContainTextAsync($"Rolled back import {importId}", Slow);
        await Expect(row).ToContainTextAsync("Rolled back");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(ImportStatus.RolledBack, (await db.Imports.SingleAsync(i => i.Id == importId)).Status);
            Assert.Equal(0, await db.MetricValues.CountAsync(v => v.ImportId == importId));
        }

        // The stored report.
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.WaitForURLAsync($"**/import/history/{importId}");
        await Expect(page.Locator("h1")).ToContainTextAsync($"Import {importId}: {name}");
        await Expect(page.Locator("[data-count=rows-read]")).ToHaveTextAsync(dataRowsText);

        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    private const string UserEmail = "analyst@example.org";
}
