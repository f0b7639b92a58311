using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>The plan pages over HTTP: anonymous reading, a planner's forms, another county's plan, confirmation.</summary>
public sealed partial class PlanPagesHttpTests(PlanWebApp web) : IClassFixture<PlanWebApp>
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Anonymous_visitors_read_the_plan_and_are_sent_to_sign_in_to_edit_it()
    {
        var client = web.BrowserLikeClient();

        using var page = await client.GetAsync("/counties/06075/plan");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await HtmlAsync(page);
        Assert.Contains("<h1 tabindex=\"-1\">Mobility action plan</h1>", html, StringComparison.Ordinal);
        Assert.Contains("San Francisco County has no action plan yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Synthetic demo data", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Edit the plan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", html, StringComparison.Ordinal);

        using var edit = await client.GetAsync("/counties/06075/plan/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("/account/sign-in", edit.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var csv = await client.GetAsync("/counties/06075/plan.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("fips,county,state,record,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/counties/99999/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/counties/99999/plan.csv")).StatusCode);
    }

    [Fact]
    public async Task A_planner_adds_a_priority_and_a_target_and_visitors_see_them_with_progress_on_the_plan_the_county_page_and_the_csv()
    {
        await web.CreateUserAsync("la-planner@example.org", Roles.Planner, "06037");
        var planner = await web.SignedInClientAsync("la-planner@example.org");
        const string edit = "/counties/06037/plan/edit";

        var added = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "priority-add", new()
        {
            ["PriorityAdd.Predictor"] = "employment-opportunities",
            ["PriorityAdd.Rationale"] = "Too few prime-age adults work.",
        }));
        Assert.Contains("Employment opportunities is now a priority.", added, StringComparison.Ordinal);

        var target = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new()
        {
            ["TargetAdd.Metric"] = "share_employed",
            ["TargetAdd.Kind"] = "value",
            ["TargetAdd.Group"] = "all|All",
            ["TargetAdd.BaselineYear"] = "2020",
            ["TargetAdd.TargetValue"] = "95",
            ["TargetAdd.TargetYear"] = "2030",
            ["TargetAdd.Owner"] = "Workforce board",
            ["TargetAdd.Strategy"] = "Apprenticeships.",
        }));
        Assert.Contains("Added the target on Employment-to-population ratio, ages 25 to 54 (Whole county): baseline", target, StringComparison.Ordinal);

        var visitor = web.BrowserLikeClient();
        var plan = WebUtility.HtmlDecode(await visitor.GetStringAsync("/counties/06037/plan"));
        Assert.Contains("Too few prime-age adults work.", plan, StringComparison.Ordinal);
        Assert.Contains("Employment-to-population ratio, ages 25 to 54: Whole county", plan, StringComparison.Ordinal);
        Assert.Contains("95.0% by 2030", plan, StringComparison.Ordinal);
        Assert.Matches(ChartPattern(), plan);
        Assert.Matches(@"class=""progress-badge progress-badge--[a-z-]+( progress-badge--qualified)?"">(On track|Off track|Target met)</span>", plan);
        Assert.Contains("2020 (baseline)", plan, StringComparison.Ordinal);
        Assert.Contains("2030 (target)", plan, StringComparison.Ordinal);
        Assert.Contains("plotly-basic-3.7.0.min.js", plan, StringComparison.Ordinal);
        Assert.Contains("Synthetic demo data", plan, StringComparison.Ordinal); // measured with the demo values

        var county = WebUtility.HtmlDecode(await visitor.GetStringAsync("/counties/06037"));
        Assert.Matches(@"Mobility action plan</a>\s*<span class=""next-steps__note"">1 priority, 1 target</span>", county);
        var predictor = PredictorPattern().Match(county).Value;
        Assert.Contains("data-testid=\"plan-badge\"", predictor, StringComparison.Ordinal);
        Assert.Matches("1 target: 1 (on track|off track|met)", predictor);

        var csv = await visitor.GetStringAsync("/counties/06037/plan.csv");
        Assert.Contains("06037,Los Angeles County,California,target,Rewarding Work,Employment opportunities,yes,Too few prime-age adults work.,share_employed,", csv, StringComparison.Ordinal);

        await using var db = web.CreateContext();
        var actions = await db.AuditEntries.Where(e => e.EntityKey.StartsWith("06037/")).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.PlanPriorityAdd, AuditActions.PlanTargetAdd], actions.Order());
    }

    [Fact]
    public async Task A_planner_of_one_county_cannot_open_or_post_to_another_countys_plan()
    {
        await web.CreateUserAsync("cook-planner@example.org", Roles.Planner, "17031");
        var planner = await web.SignedInClientAsync("cook-planner@example.org");

        using var other = await planner.GetAsync("/counties/36061/plan/edit");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("/account/access-denied", other.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A form of the planner's own county, posted to the other county's page, changes nothing there.
        var token = HttpForms.AntiforgeryToken(await planner.GetStringAsync("/counties/17031/plan/edit"));
        using var post = await planner.PostAsync("/counties/36061/plan/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "priority-add",
            ["__RequestVerificationToken"] = token,
            ["PriorityAdd.Predictor"] = "employment-opportunities",
            ["PriorityAdd.Rationale"] = "Not ours to set.",
        }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        await using var db = web.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityKey.StartsWith("36061/")));
        Assert.DoesNotContain("Not ours to set.", await web.BrowserLikeClient().GetStringAsync("/counties/36061/plan"), StringComparison.Ordinal);

        // Their own county's page shows the edit link; another county's plan reads like a visitor's.
        Assert.Contains("Edit the plan", await planner.GetStringAsync("/counties/17031/plan"), StringComparison.Ordinal);
        Assert.DoesNotContain("Edit the plan", await planner.GetStringAsync("/counties/36061/plan"), StringComparison.Ordinal);
    }

    /// <summary>Issue 28, item 7: the editor lists gaps as pairs it accepts, each under its metric, and saves the one chosen.</summary>
    [Fact]
    public async Task A_planner_sets_a_gap_target_by_choosing_one_of_the_listed_gaps()
    {
        await web.CreateUserAsync("cook-planner@example.org", Roles.Planner, "17031");
        var planner = await web.SignedInClientAsync("cook-planner@example.org");
        const string edit = "/counties/17031/plan/edit";
        var form = WebUtility.HtmlDecode(await planner.GetStringAsync(edit));
        var select = Regex.Match(form, "<select[^>]*id=\"target-gap\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var gaps = Regex.Matches(select, "<option value=\"([^\"|]+)\\|([^\"|]+)\\|([^\"|]+)\\|([^\"|]+)\">([^<]*)</option>").ToList();
        Assert.NotEmpty(gaps);
        Assert.All(gaps, g => Assert.Equal($"{g.Groups[3].Value} minus {g.Groups[4].Value}", g.Groups[5].Value));
        var gap = gaps[0];
        var value = string.Join('|', gap.Groups[1].Value, gap.Groups[2].Value, gap.Groups[3].Value, gap.Groups[4].Value);

        var wrongMetric = gap.Groups[1].Value == "share_employed" ? "rate_injury_death" : "share_employed";
        var refused = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new()
        {
            ["TargetAdd.Metric"] = wrongMetric,
            ["TargetAdd.Kind"] = "gap",
            ["TargetAdd.Gap"] = value,
            ["TargetAdd.TargetValue"] = "0",
            ["TargetAdd.TargetYear"] = "2035",
        }));
        Assert.Contains($"The gap {gap.Groups[5].Value} is one of", refused, StringComparison.Ordinal);

        var saved = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new()
        {
            ["TargetAdd.Metric"] = "",
            ["TargetAdd.Kind"] = "gap",
            ["TargetAdd.Gap"] = value,
            ["TargetAdd.TargetValue"] = "0",
            ["TargetAdd.TargetYear"] = "2035",
            ["TargetAdd.Confirm"] = "true",
        }));
        Assert.Contains("Added the target on", saved, StringComparison.Ordinal);
        Assert.Contains($"Gap: {gap.Groups[3].Value} − {gap.Groups[4].Value}", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_in_the_wrong_direction_asks_for_confirmation_then_saves()
    {
        await web.CreateUserAsync("harris-planner@example.org", Roles.Planner, "48201");
        var planner = await web.SignedInClientAsync("harris-planner@example.org");
        const string edit = "/counties/48201/plan/edit";
        var fields = new Dictionary<string, string>
        {
            ["TargetAdd.Metric"] = "share_employed",
            ["TargetAdd.Kind"] = "value",
            ["TargetAdd.Group"] = "all|All",
            ["TargetAdd.TargetValue"] = "1",
            ["TargetAdd.TargetYear"] = "2030",
        };

        var asked = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", fields));
        Assert.Contains("Higher is better for Employment-to-population ratio, ages 25 to 54, but the target (1.0%) is not above the baseline", asked, StringComparison.Ordinal);
        Assert.Contains("id=\"target-confirm\"", asked, StringComparison.Ordinal);
        Assert.Contains("value=\"1\"", asked, StringComparison.Ordinal); // what they typed is kept

        // A value that is not a number is refused by the form's validation, with what was typed kept.
        var words = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new(fields) { ["TargetAdd.TargetValue"] = "seventy" }));
        Assert.Contains("The target value \"seventy\" is not a number: write it like 72.5 (no units).", words, StringComparison.Ordinal);
        Assert.Contains("value=\"seventy\"", words, StringComparison.Ordinal);
        Assert.DoesNotContain("Higher is better", words, StringComparison.Ordinal); // the service was not asked

        var past = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new(fields) { ["TargetAdd.TargetYear"] = "2020" }));
        Assert.Contains("The target year 2020 is in the past", past, StringComparison.Ordinal);

        var saved = await HtmlAsync(await HttpForms.PostFormAsync(planner, edit, "target-add", new(fields) { ["TargetAdd.Confirm"] = "true" }));
        Assert.Contains("Added the target", saved, StringComparison.Ordinal);
        Assert.Contains("hold the line: confirmed by the planner", await planner.GetStringAsync("/counties/48201/plan"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<div class=""chart js-chart"" id=""target-\d+-chart"" data-figure=""\{")]
    private static partial Regex ChartPattern();

    [GeneratedRegex(@"<div class=""predictor"" id=""predictor-employment-opportunities"">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex PredictorPattern();
}

/// <summary>The forms of existing priorities and targets: save, a stale save, remove.</summary>
public sealed partial class PlanItemFormsHttpTests(PlanWebApp web) : IClassFixture<PlanWebApp>
{
    [Fact]
    public async Task A_planner_edits_and_removes_a_priority_and_a_target_through_their_forms()
    {
        await web.CreateUserAsync("king-planner@example.org", Roles.Planner, "53033");
        var planner = await web.SignedInClientAsync("king-planner@example.org");
        const string edit = "/counties/53033/plan/edit";
        await HttpForms.PostFormAsync(planner, edit, "priority-add", new() { ["PriorityAdd.Predictor"] = "employment-opportunities", ["PriorityAdd.Rationale"] = "First reason." });
        await HttpForms.PostFormAsync(planner, edit, "target-add", new()
        {
            ["TargetAdd.Metric"] = "share_employed",
            ["TargetAdd.Group"] = "all|All",
            ["TargetAdd.BaselineYear"] = "2021",
            ["TargetAdd.TargetValue"] = "96.5",
            ["TargetAdd.TargetYear"] = "2031",
        });
        var html = await planner.GetStringAsync(edit);
        var priorityForm = HandlerPattern("priority").Match(html).Groups[1].Value;
        var targetForm = HandlerPattern("target").Match(html).Groups[1].Value;
        var priorityId = priorityForm["priority-".Length..];
        var targetId = targetForm["target-".Length..];
        Assert.NotEmpty(priorityForm);
        Assert.NotEmpty(targetForm);

        var saved = WebUtility.HtmlDecode(await (await HttpForms.PostFormAsync(planner, edit, priorityForm, new()
        {
            ["PriorityItem.Id"] = priorityId,
            ["PriorityItem.Action"] = "save",
            ["PriorityItem.Rationale"] = "Second reason.",
            ["PriorityItem.Version"] = "1",
        })).Content.ReadAsStringAsync());
        Assert.Contains("Saved the rationale of Employment opportunities.", saved, StringComparison.Ordinal);
        var stale = WebUtility.HtmlDecode(await (await HttpForms.PostFormAsync(planner, edit, priorityForm, new()
        {
            ["PriorityItem.Id"] = priorityId,
            ["PriorityItem.Action"] = "save",
            ["PriorityItem.Rationale"] = "Third reason.",
            ["PriorityItem.Version"] = "1",
        })).Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed Employment opportunities while you were editing it", stale, StringComparison.Ordinal);

        var target = WebUtility.HtmlDecode(await (await HttpForms.PostFormAsync(planner, edit, targetForm, new()
        {
            ["TargetItem.Id"] = targetId,
            ["TargetItem.Action"] = "save",
            ["TargetItem.TargetValue"] = "97",
            ["TargetItem.TargetYear"] = "2032",
            ["TargetItem.Owner"] = "Mayor's office",
            ["TargetItem.Version"] = "1",
        })).Content.ReadAsStringAsync());
        Assert.Contains("Saved the target on Employment-to-population ratio, ages 25 to 54.", target, StringComparison.Ordinal);
        var plan = WebUtility.HtmlDecode(await planner.GetStringAsync("/counties/53033/plan"));
        Assert.Contains("97.0% by 2032", plan, StringComparison.Ordinal);
        Assert.Contains("Mayor's office", plan, StringComparison.Ordinal);
        Assert.Contains("Second reason.", plan, StringComparison.Ordinal);

        await HttpForms.PostFormAsync(planner, edit, targetForm, new() { ["TargetItem.Id"] = targetId, ["TargetItem.Action"] = "remove" });
        await HttpForms.PostFormAsync(planner, edit, priorityForm, new() { ["PriorityItem.Id"] = priorityId, ["PriorityItem.Action"] = "remove" });
        Assert.Contains("King County has no action plan yet.", WebUtility.HtmlDecode(await planner.GetStringAsync("/counties/53033/plan")), StringComparison.Ordinal);
    }

    private static Regex HandlerPattern(string kind) => new($"name=\"_handler\" value=\"({kind}-\\d+)\"");
}
