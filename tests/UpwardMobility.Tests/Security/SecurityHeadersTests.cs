using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Security;

public class SecurityHeadersTests
{
    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        await using var app = await TestHost.StartAsync(new());
        var client = app.BrowserLikeClient();
        foreach (var url in new[] { "/", "/counties/06037", "/counties/06037/data.csv", "/healthz", "/favicon.png", "/no-such-page", "/account/sign-in", "/import" })
        {
            using var response = await client.GetAsync(url);
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("http", csp, StringComparison.Ordinal); // no other origin
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        }
    }

    [Fact]
    public async Task The_import_map_is_allowed_by_its_hash_and_nothing_else_inline()
    {
        await using var app = await TestHost.StartAsync(new());
        using var response = await app.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"importmap\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(match.Groups[1].Value)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        // Every other script is a file of this site.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*type=\"importmap\")[^>]*>");
        Assert.All(scripts, s => Assert.Contains(" src=\"", s.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_cookies_are_secure_and_http_only()
    {
        await using var app = await TestHost.StartAsync(new()
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "localhost" },
        });
        await app.CreateUserAsync("analyst@example.org", [Roles.Analyst]);
        var client = app.BrowserLikeClient();
        using var page = await client.GetAsync("/account/sign-in");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("upward.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        using var signIn = await HttpForms.SignInAsync(client, "analyst@example.org", TestHost.Password);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("upward.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no-store", Header(await client.GetAsync("/import"), "Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_an_error_shows_no_stack_trace()
    {
        await using var app = await TestHost.StartAsync(new()
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "localhost" },
            Services = s => s.AddTransient<IStartupFilter, ThrowingPath>(),
        });
        using var response = await app.CreateClient().GetAsync("/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingPath.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    /// <summary>A request path that throws, behind the app's own error handling.</summary>
    private sealed class ThrowingPath : IStartupFilter
    {
        public const string Secret = "secret-detail-of-the-failure";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == "/boom" ? throw new InvalidOperationException(Secret) : following(context));
        };
    }
}
