using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Accounts;

/// <summary>Sign-in posts are rate limited per client address and per account; failures never tell which accounts exist.</summary>
public partial class SignInAbuseTests
{
    [Fact]
    public async Task Sign_ins_from_one_address_are_limited_whatever_the_accounts()
    {
        await using var app = await TestHost.StartAsync(new() { ClientAddress = IPAddress.Parse("192.0.2.10"), Settings = Limits(perAddress: 3, perAccount: 100) });
        var client = app.BrowserLikeClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await HttpForms.SignInAsync(client, $"nobody{i}@example.org", "a wrong password 123");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var limited = await HttpForms.SignInAsync(client, "nobody9@example.org", "a wrong password 123");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another address is not affected; reading the page is never limited.
        var other = app.BrowserLikeClient();
        other.DefaultRequestHeaders.Add(WebAppFactory.ClientAddressHeader, "192.0.2.11");
        using var fine = await HttpForms.SignInAsync(other, "nobody9@example.org", "a wrong password 123");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_for_one_account_are_limited_across_addresses_known_or_not()
    {
        await using var app = await TestHost.StartAsync(new() { ClientAddress = IPAddress.Loopback, Settings = Limits(perAddress: 100, perAccount: 2) });
        await app.CreateUserAsync("analyst@example.org", Roles.Analyst);

        foreach (var account in new[] { "analyst@example.org", "nobody@example.org" })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                // Each try from another client address (behind the loopback proxy).
                var client = app.BrowserLikeClient();
                client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
                using var response = await HttpForms.SignInAsync(client, i == 2 ? account.ToUpperInvariant() : account, "a wrong password 123");
                statuses.Add(response.StatusCode);
            }
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        }
    }

    [Fact]
    public async Task Failed_sign_ins_read_the_same_for_known_locked_and_unknown_accounts()
    {
        await using var app = await TestHost.StartAsync(new() { Settings = Limits(perAddress: 100, perAccount: 100) });
        await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        var client = app.BrowserLikeClient();

        async Task<List<string>> MessagesAsync(string email)
        {
            var messages = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                using var response = await HttpForms.SignInAsync(client, email, "a wrong password " + i);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                messages.Add(Message().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
            }
            return messages;
        }

        var known = await MessagesAsync("analyst@example.org");   // locked after the fifth
        var unknown = await MessagesAsync("nobody@example.org");
        Assert.Equal(known, unknown);
        Assert.All(known, m => Assert.StartsWith("The email or password is not right.", m, StringComparison.Ordinal));

        // Only the right password learns that the account is locked.
        using var right = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password);
        Assert.Contains("This account is locked", Message().Match(await right.Content.ReadAsStringAsync()).Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_sign_in_forms_answer_400_and_count_towards_the_limit()
    {
        await using var app = await TestHost.StartAsync(new() { ClientAddress = IPAddress.Parse("192.0.2.20"), Settings = Limits(perAddress: 3, perAccount: 100) });
        var client = app.BrowserLikeClient();
        var token = HttpForms.AntiforgeryToken(await client.GetStringAsync("/account/sign-in"));
        var huge = new StringContent($"_handler=sign-in&__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Password=x&Input.Email={new string('a', 5 * 1024 * 1024)}");
        huge.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        var many = Enumerable.Range(0, 3_000).ToDictionary(i => $"f{i}", i => "x");
        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\nno end", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var statuses = new List<HttpStatusCode>();
        foreach (HttpContent body in new HttpContent[] { huge, new FormUrlEncodedContent(many), broken })
        {
            using var response = await client.PostAsync("/account/sign-in", body);
            statuses.Add(response.StatusCode);
            Assert.Contains("The sign-in form was not understood", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses);
        // Counted: the address's fourth sign-in post in the minute is limited, however well formed.
        using var limited = await HttpForms.SignInAsync(client, "nobody@example.org", "a wrong password 123");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    private static Dictionary<string, string?> Limits(int perAddress, int perAccount) => new()
    {
        ["Security:SignIn:PerAddressPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:SignIn:PerAccountPerMinute"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("data-testid=\"sign-in-message\">([^<]*)<")]
    private static partial Regex Message();
}
