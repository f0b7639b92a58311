using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Accounts;

/// <summary>Accounts for tests: create users with roles, and HTTP clients signed in through the real sign-in form.</summary>
public static partial class TestAccounts
{
    public const string Password = "a long test password 1";

    /// <summary>Creates (or finds) a user with these roles and <see cref="Password"/>; returns its id.</summary>
    public static async Task<string> CreateUserAsync(WebAppFactory app, string email, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccountService>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
            Check(await users.CreateAsync(user, Password));
        }
        if (roles.Length > 0)
        {
            Check(await users.AddToRolesAsync(user, roles.Except(await users.GetRolesAsync(user))));
        }
        return user.Id;
    }

    /// <summary>A client of the in-memory server over https (as in production), keeping cookies, not following redirects.</summary>
    public static HttpClient CreateClient(WebAppFactory app) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    });

    /// <summary>A client signed in as <paramref name="email"/> through <c>/account/sign-in</c>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(WebAppFactory app, string email, string password = Password)
    {
        var client = CreateClient(app);
        using var response = await SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the response.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        PostFormAsync(client, "/account/sign-in" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)), "sign-in", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "/",
        });

    /// <summary>Loads <paramref name="url"/>, then posts its Blazor form <paramref name="formName"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(url);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static partial class TestAccounts
{
    /// <summary>Posts the header's Sign out form, with the antiforgery token of the home page.</summary>
    public static async Task<HttpResponseMessage> PostSignOutAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        return await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        }));
    }
}
