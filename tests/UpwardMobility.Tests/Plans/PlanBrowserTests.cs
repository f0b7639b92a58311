using Microsoft.Playwright;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.Plans;

/// <summary>In Chromium, under the app's Content-Security-Policy: a planner sets a priority and a target; a visitor sees the chart.</summary>
[Collection(BrowserCollection.Name)]
public class PlanBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_planner_sets_a_priority_and_a_target_signs_out_and_a_visitor_sees_the_progress_chart()
    {
        await using var app = await TestHost.StartAsync(new() { DemoData = true, Kestrel = true });
        var address = app.Address;
        await app.CreateUserAsync("planner@example.org", Roles.Planner, "06037");
        await using var tracked = await browser.NewPageAsync(address);
        var page = tracked.Page;

        await page.GotoAsync("/counties/06037/plan/edit");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=*");
        await page.SignInAsync("planner@example.org");
        await page.WaitForURLAsync("**/counties/06037/plan/edit");

        await page.GetByLabel("Predictor").SelectOptionAsync("employment-opportunities");
        await page.GetByLabel("Why it is a priority").FillAsync("Fewer prime-age adults work here than in the rest of the state.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add priority" }).ClickAsync();
        await Expect(page.GetByTestId("plan-result")).ToHaveTextAsync("Employment opportunities is now a priority.");

        await page.GetByLabel("Metric").SelectOptionAsync("share_employed");
        await page.GetByLabel("Baseline year (empty: the latest)").FillAsync("2020");
        await page.GetByLabel("Target value", new() { Exact = true }).FillAsync("95");
        await page.GetByLabel("Target year").FillAsync("2030");
        await page.GetByLabel("Owner").FillAsync("Workforce board");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await Expect(page.GetByTestId("plan-result")).ToContainTextAsync("Added the target on Employment-to-population ratio");

        var editProblems = await Axe.SeriousViolationsAsync(page, "edit page");
        Assert.True(editProblems.Count == 0, string.Join("\n", editProblems));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // A visitor: the plan with its progress chart, drawn offline by the app's own plotly-basic.
        await page.GotoAsync("/counties/06037/plan");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mobility action plan");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit the plan" })).ToHaveCountAsync(0);
        var target = page.Locator("article.plan-target");
        await Expect(target.Locator("h3")).ToHaveTextAsync("Employment-to-population ratio, ages 25 to 54: Whole county");
        await Expect(target.Locator(".progress-badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(On track|Off track|Target met)$"));
        await Expect(target.Locator(".js-chart.js-plotly-plot svg").First).ToBeAttachedAsync();
        await Expect(target.Locator(".js-chart .legendtext", new() { HasText = "Straight path to the target" })).ToHaveCountAsync(1);
        await Expect(target.Locator("table.plan-table tbody tr")).ToHaveCountAsync(5); // 2020–2023 and the target

        var serious = await Axe.SeriousViolationsAsync(page, "plan page");
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // The county page marks the priority and links to the plan.
        await page.GotoAsync("/counties/06037");
        var badge = page.Locator("#predictor-employment-opportunities").GetByTestId("plan-badge");
        await Expect(badge).ToContainTextAsync("1 target: 1 ");
        await badge.GetByRole(AriaRole.Link, new() { Name = "Priority" }).ClickAsync();
        await page.WaitForURLAsync("**/counties/06037/plan");

        Assert.True(tracked.ConsoleErrors.Count == 0, string.Join("\n", tracked.ConsoleErrors));
        Assert.Empty(tracked.ExternalRequests);
    }
}
