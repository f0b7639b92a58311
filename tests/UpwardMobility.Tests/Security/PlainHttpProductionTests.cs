using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Security;

/// <summary>
/// Production on plain HTTP (no TLS, no proxy saying https): pages are read, the log says once why nobody can sign
/// in (no stack trace per request), and the sign-in page says HTTPS is required.
/// </summary>
public class PlainHttpProductionTests
{
    [Fact]
    public async Task Plain_http_in_production_is_one_warning_and_a_sign_in_page_that_says_https_is_required()
    {
        var logs = new LogCollector();
        await using var app = await TestHost.StartAsync(new()
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "localhost" },
            Services = services => services.AddSingleton<ILoggerProvider>(logs),
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        logs.Clear();

        foreach (var path in new[] { "/", "/counties", "/counties/06037", "/methods", "/counties/06037" })
        {
            using var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var signIn = await client.GetAsync("/account/sign-in"))
        {
            Assert.Contains("Signing in needs HTTPS", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var post = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@example.org", ["Input.Password"] = "x" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains("Signing in needs HTTPS", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var dump = string.Join("\n", logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"));
        Assert.Single(logs.Entries, e => e.Message.Contains("Requests arrive over plain HTTP", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
        Assert.True(logs.Entries.Count(e => e.Level >= LogLevel.Warning) <= 2, dump);
    }
}
