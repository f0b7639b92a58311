using System.Net;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Admin;

/// <summary>The admin forms over HTTP (static server rendering), on both providers.</summary>
public class AdminPagesHttpTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Admin_forms_change_counties_metrics_and_users(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        var admin = await app.SignedInClientAsync("admin@example.org");
        var anonymous = app.BrowserLikeClient();

        // Rename a county: its public page shows the new name at once.
        using (var rename = await HttpForms.PostFormAsync(admin, "/admin/counties/06037", "rename", new() { ["Rename.Name"] = "Greater Los Angeles County" }))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
            Assert.Contains("Renamed Los Angeles County to Greater Los Angeles County", await rename.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains("Greater Los Angeles County", await anonymous.GetStringAsync("/counties/06037"), StringComparison.Ordinal);

        // Hide it: gone from the list, its page stays.
        using (var hide = await HttpForms.PostFormAsync(admin, "/admin/counties/06037", "visibility", []))
        {
            Assert.Contains("is hidden", await hide.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Greater Los Angeles County", await anonymous.GetStringAsync("/counties"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/counties/06037")).StatusCode);

        // Replaced-by, with a bad code first.
        using (var bad = await HttpForms.PostFormAsync(admin, "/admin/counties/09001", "succession", new() { ["Succession.Historical"] = "true", ["Succession.ReplacedBy"] = "09999" }))
        {
            Assert.Contains("No county has the code 09999", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var ok = await HttpForms.PostFormAsync(admin, "/admin/counties/09001", "succession", new() { ["Succession.ReplacedBy"] = "09120 09190" }))
        {
            Assert.Contains("marked as replaced by 09120 09190", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Edit a metric's label: it is customised, and the dashboard shows it.
        using (var edit = await HttpForms.PostFormAsync(admin, "/admin/metrics/share_employed", "metric", new()
        {
            ["Edit.Label"] = "Prime-age employment",
            ["Edit.Description"] = "Employed people aged 25 to 54, as a share of that age group.",
            ["Edit.Unit"] = "Share",
            ["Edit.Direction"] = "Up",
            ["Edit.PredictorKey"] = await PredictorOfAsync(app, "share_employed"),
            ["Edit.Aliases"] = "share_employed_old",
        }))
        {
            Assert.Contains("Saved Prime-age employment", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains("Prime-age employment", await anonymous.GetStringAsync("/counties/06037"), StringComparison.Ordinal);

        // Create a user by invitation, then the link sets the password.
        using (var create = await HttpForms.PostFormAsync(admin, "/admin/users", "new-user", new() { ["Input.Email"] = "new@example.org", ["Input.Analyst"] = "true" }))
        {
            var html = WebUtility.HtmlDecode(await create.Content.ReadAsStringAsync());
            var link = System.Text.RegularExpressions.Regex.Match(html, "https://localhost/account/set-password\\?user=[^<\"]+").Value;
            Assert.NotEmpty(link);
            var setPassword = new Uri(link).PathAndQuery;
            using var set = await HttpForms.PostFormAsync(anonymous, setPassword, "set-password", new()
            {
                ["Input.UserId"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["user"]!,
                ["Input.Token"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!,
                ["Input.Password"] = "the invited user's password",
                ["Input.Confirm"] = "the invited user's password",
            });
            Assert.Contains("Your password is set", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var invited = await app.SignedInClientAsync("new@example.org", "the invited user's password");
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync("/import")).StatusCode);

        // Every change is in the audit log, and the audit page filters it.
        await using (var db = app.CreateContext())
        {
            var actions = await db.AuditEntries.Select(e => e.Action).ToListAsync();
            Assert.Contains(AuditActions.CountyRename, actions);
            Assert.Contains(AuditActions.CountyHide, actions);
            Assert.Contains(AuditActions.CountySuccession, actions);
            Assert.Contains(AuditActions.MetricEdit, actions);
            Assert.Contains(AuditActions.UserCreate, actions);
            Assert.Contains(AuditActions.AccountPasswordSet, actions);
        }
        var audit = await admin.GetStringAsync("/admin/audit?action=county.&key=06037");
        Assert.Contains("2 entries", audit, StringComparison.Ordinal);
        Assert.Contains("county.rename", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("metric.edit</code>", audit, StringComparison.Ordinal);
    }

    private static async Task<string> PredictorOfAsync(TestHost app, string metric)
    {
        await using var db = app.CreateContext();
        return await db.Metrics.Where(m => m.Key == metric).Select(m => m.Predictor!.Key).SingleAsync();
    }
}
