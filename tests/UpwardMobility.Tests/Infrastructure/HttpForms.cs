using System.Net;
using System.Text.RegularExpressions;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>Posting the app's server-rendered forms from an <see cref="HttpClient"/>, with their antiforgery tokens.</summary>
public static partial class HttpForms
{
    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the response.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = TestHost.Password, string? returnUrl = null) =>
        PostFormAsync(client, "/account/sign-in" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)), "sign-in", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "/",
        });

    /// <summary>Posts the header's Sign out form, with the antiforgery token of the home page.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        return await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        }));
    }

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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
