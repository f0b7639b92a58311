using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Accounts;

/// <summary>Signing in and out over HTTP: success, lockout, disabled accounts, antiforgery, local return addresses.</summary>
public class SignInTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sign_in_returns_to_the_page_asked_for_and_sign_out_ends_the_session(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var client = app.BrowserLikeClient();

        using (var before = await client.GetAsync("/import/history"))
        {
            Assert.Equal(HttpStatusCode.Found, before.StatusCode);
            Assert.Equal("/account/sign-in", before.Headers.Location!.AbsolutePath);
        }
        using (var signIn = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password, "/import/history"))
        {
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
            Assert.Equal("/import/history", signIn.Headers.Location!.AbsolutePath);
        }
        var history = await client.GetStringAsync("/import/history");
        Assert.Contains("Import history", history, StringComparison.Ordinal);
        Assert.Contains("analyst@example.org", history, StringComparison.Ordinal); // the header's account area

        using (var signOut = await HttpForms.SignOutAsync(client))
        {
            Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        }
        using (var after = await client.GetAsync("/import/history"))
        {
            Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        }
        await using var db = app.CreateContext();
        var actions = await db.AuditEntries.Where(e => e.UserName == "analyst@example.org").Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.AccountSignIn, actions);
        Assert.Contains(AuditActions.AccountSignOut, actions);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_returns_to_another_site(string returnUrl)
    {
        await using var app = await TestHost.StartAsync(new());
        await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var client = app.BrowserLikeClient();
        using var response = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Host : "localhost");
        Assert.Equal("/", response.Headers.Location.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_from_that_address_only_even_for_the_right_password()
    {
        await using var app = await TestHost.StartAsync(new() { ClientAddress = System.Net.IPAddress.Parse("192.0.2.30") });
        await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var client = app.BrowserLikeClient();

        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await HttpForms.SignInAsync(client, "analyst@example.org", "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var fifth = await HttpForms.SignInAsync(client, "analyst@example.org", "not the password 5"))
        {
            // The wrong password that locks it gets the same answer as any wrong password (and as an unknown account).
            Assert.Contains("The email or password is not right.", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var right = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode); // no redirect: not signed in
            Assert.Contains("This account is locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var page = await client.GetAsync("/import"))
        {
            Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        }
        await using var db = app.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "analyst@example.org");
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccountLockedOut && e.EntityKey == "analyst@example.org"
            && e.Details!.Contains("192.0.2.30")));

        // The owner, elsewhere, is not locked out by someone else's wrong passwords (OWASP: by account and address).
        var elsewhere = app.BrowserLikeClient();
        elsewhere.DefaultRequestHeaders.Add(WebAppFactory.ClientAddressHeader, "192.0.2.31");
        using (var owner = await HttpForms.SignInAsync(elsewhere, "analyst@example.org", TestHost.Password))
        {
            Assert.Equal(HttpStatusCode.Found, owner.StatusCode);
        }
        using (var stillLocked = await HttpForms.SignInAsync(app.BrowserLikeClient(), "analyst@example.org", TestHost.Password))
        {
            Assert.Contains("This account is locked", await stillLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An administrator unlocks it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>().UnlockAsync(user.Id, "admin@example.org");
            Assert.True(result.Ok);
        }
        using var again = await HttpForms.SignInAsync(app.BrowserLikeClient(), "analyst@example.org", TestHost.Password);
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_an_open_session_ends()
    {
        await using var app = await TestHost.StartAsync(new());
        var adminId = await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        var analystId = await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var session = await app.SignedInClientAsync("analyst@example.org");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/import")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(analystId, true, "admin@example.org", adminId);
            Assert.True(result.Ok, result.Message);
        }

        // A new sign-in is refused, with the reason given only to someone who knows the password.
        var client = app.BrowserLikeClient();
        using (var right = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Contains("This account is disabled", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var wrong = await HttpForms.SignInAsync(client, "analyst@example.org", "a wrong password here"))
        {
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.DoesNotContain("disabled", html, StringComparison.Ordinal);
            Assert.Contains("The email or password is not right.", html, StringComparison.Ordinal);
        }

        // The open session's cookie is refused at its next security-stamp check.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(analystId);
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            Assert.Null(await signIn.ValidateSecurityStampAsync(principal));
        }
    }

    [Fact]
    public async Task Forms_posted_without_an_antiforgery_token_are_rejected()
    {
        await using var app = await TestHost.StartAsync(new());
        await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        var anonymous = app.BrowserLikeClient();

        using var signIn = await anonymous.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = "admin@example.org",
            ["Input.Password"] = TestHost.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(signIn.Headers.Location);

        var admin = await app.SignedInClientAsync("admin@example.org");
        using var rename = await admin.PostAsync("/admin/counties/06037", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "rename",
            ["Rename.Name"] = "Forged County",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, rename.StatusCode);
        using var signOut = await admin.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);

        await using var db = app.CreateContext();
        Assert.NotEqual("Forged County", (await db.Geographies.SingleAsync(g => g.Fips == "06037")).Name);
    }
}
