using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Admin;

/// <summary>
/// A demoted or disabled user cannot act on the next request: the form is posted with the cookie and antiforgery
/// token the user had a moment before, and is refused with nothing written and the refusal in the audit log.
/// </summary>
public class InstantDemotionTests
{
    [Fact]
    public async Task A_demoted_or_disabled_admin_cannot_post_an_admin_form_with_its_old_cookie()
    {
        await using var app = await TestHost.StartAsync(new());
        var bossId = await app.CreateUserAsync("boss@example.org", Roles.Admin);
        var demotedId = await app.CreateUserAsync("demoted@example.org", Roles.Admin);
        var disabledId = await app.CreateUserAsync("disabled@example.org", Roles.Admin);
        var plannerId = await app.CreateUserAsync("planner@example.org", Roles.Planner, "06037");

        var demoted = await app.SignedInClientAsync("demoted@example.org");
        var disabled = await app.SignedInClientAsync("disabled@example.org");
        var planner = await app.SignedInClientAsync("planner@example.org");
        var demotedForm = HttpForms.AntiforgeryToken(await demoted.GetStringAsync("/admin/users"));
        var disabledForm = HttpForms.AntiforgeryToken(await disabled.GetStringAsync("/admin/users"));
        var plannerForm = HttpForms.AntiforgeryToken(await planner.GetStringAsync("/counties/06037/plan/edit"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            Assert.True((await admin.SetRolesAsync(demotedId, [Roles.Analyst], null, "boss@example.org", bossId)).Ok);
            Assert.True((await admin.SetDisabledAsync(disabledId, true, "boss@example.org", bossId)).Ok);
            Assert.True((await admin.SetDisabledAsync(plannerId, true, "boss@example.org", bossId)).Ok);
        }

        // At once, with the cookies and tokens of a moment ago.
        using var byDemoted = await PostAsync(demoted, "/admin/users", "new-user", demotedForm, new() { ["Input.Email"] = "left-behind@example.org", ["Input.Admin"] = "true", ["Input.Password"] = "a long enough password" });
        using var byDisabled = await PostAsync(disabled, "/admin/users", "new-user", disabledForm, new() { ["Input.Email"] = "also-left@example.org", ["Input.Admin"] = "true", ["Input.Password"] = "a long enough password" });
        using var byPlanner = await PostAsync(planner, "/counties/06037/plan/edit", "priority-add", plannerForm, new() { ["PriorityAdd.Predictor"] = "employment-opportunities", ["PriorityAdd.Rationale"] = "x" });

        Assert.Equal(HttpStatusCode.Found, byDemoted.StatusCode);
        Assert.StartsWith("/account/access-denied", byDemoted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, byDisabled.StatusCode);
        Assert.StartsWith("/account/sign-in", byDisabled.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, byPlanner.StatusCode);
        Assert.StartsWith("/account/sign-in", byPlanner.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await using var db = app.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "left-behind@example.org" || u.Email == "also-left@example.org"));
        Assert.Equal(0, await db.PlanPriorities.CountAsync());
        var refusals = await db.AuditEntries.Where(e => e.Action == AuditActions.AccountStaleSession).ToListAsync();
        Assert.Contains(refusals, e => e.UserName == "demoted@example.org" && e.Details!.Contains("POST /admin/users", StringComparison.Ordinal) && e.Details.Contains("Admin", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.UserName == "disabled@example.org" && e.Details!.Contains("disabled", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.UserName == "planner@example.org" && e.Details!.Contains("/counties/06037/plan/edit", StringComparison.Ordinal));
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a is AuditActions.UserCreate or AuditActions.PlanPriorityAdd);

        // The demoted user's next page reads as an analyst's: the admin pages are closed to it, the import page open.
        using var adminPage = await demoted.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Found, adminPage.StatusCode);
        using var importPage = await demoted.GetAsync("/import");
        Assert.Equal(HttpStatusCode.OK, importPage.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string form, string token, Dictionary<string, string> fields)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = token;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
