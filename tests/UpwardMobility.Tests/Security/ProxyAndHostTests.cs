using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy (the app hears plain HTTP from 127.0.0.1 with <c>X-Forwarded-Proto: https</c>), in
/// Production: sign-in works with Secure cookies, HSTS is sent for HTTPS only, forwarded headers from strangers are
/// ignored, unknown hosts are refused, and bad forms and addresses answer 400 with the friendly page, not 500.
/// </summary>
public class ProxyAndHostTests
{
    private const string Host = "dashboard.example";

    [Fact]
    public async Task Behind_a_tls_proxy_sign_in_and_sign_out_work_with_secure_cookies()
    {
        await using var app = await ProductionAsync();
        await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        var proxy = new ProxiedClient(app);

        using var signIn = await proxy.PostFormAsync("/account/sign-in", "/account/sign-in", new()
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = "analyst@example.org",
            ["Input.Password"] = TestHost.Password,
            ["Input.ReturnUrl"] = "/import/history",
        });
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        // The address the browser asked for: https, the site's host.
        Assert.Equal("https://dashboard.example/import/history", signIn.Headers.Location!.ToString());
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("upward.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);

        using (var history = await proxy.GetAsync("/import/history"))
        {
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
            Assert.Contains("max-age=", history.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }
        using var signOut = await proxy.PostFormAsync("/", "/account/sign-out", new() { ["returnUrl"] = "/counties" });
        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.Equal("/counties", signOut.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Forwarded_headers_count_only_from_known_proxies_and_hsts_only_over_https()
    {
        await using var app = await ProductionAsync(new() { ["Proxy:KnownNetworks"] = "10.20.0.0/16" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Host}"), AllowAutoRedirect = false });

        async Task<bool> HstsAsync(string from, string? proto)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add(WebAppFactory.ClientAddressHeader, from);
            if (proto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", proto);
            }
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.Contains("Strict-Transport-Security");
        }

        Assert.True(await HstsAsync("127.0.0.1", "https"));   // loopback proxy
        Assert.True(await HstsAsync("10.20.3.4", "https"));   // a configured network
        Assert.False(await HstsAsync("10.21.3.4", "https"));  // a stranger claiming https
        Assert.False(await HstsAsync("127.0.0.1", null));     // plain http
        Assert.False(await HstsAsync("127.0.0.1", "http"));
    }

    [Fact]
    public async Task A_host_not_allowed_is_refused()
    {
        await using var app = await ProductionAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        using var evil = await client.GetAsync("/account/sign-in?ReturnUrl=%2Fimport");
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Null(evil.Headers.Location);
        var good = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Host}") });
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Posts_without_a_token_and_bad_return_addresses_answer_400_with_the_friendly_page_and_no_stack_trace()
    {
        var logs = new LogCollector();
        await using var app = await ProductionAsync(services: services => services.AddSingleton<ILoggerProvider>(logs));
        await app.CreateUserAsync("analyst@example.org", Roles.Analyst);
        var proxy = new ProxiedClient(app);
        using (var signIn = await proxy.PostFormAsync("/account/sign-in", "/account/sign-in", new()
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = "analyst@example.org",
            ["Input.Password"] = TestHost.Password,
        }))
        {
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        }
        logs.Clear();

        foreach (var path in new[] { "/peer-groups", "/peer-groups/1/delete", "/account/sign-out" })
        {
            using var response = await proxy.PostAsync(path, new() { ["Name"] = "x", ["returnUrl"] = "/" });
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("This request could not be handled", html, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        }

        // A tab inside the address: browsers drop it, which would make "/\t/evil.example" another site.
        using (var signOut = await proxy.PostFormAsync("/", "/account/sign-out", new() { ["returnUrl"] = "/\t/evil.example" }))
        {
            Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
            Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        }

        // Plain http with no trusted proxy: the Secure antiforgery cookie cannot be used; the page says so.
        var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Host}"), AllowAutoRedirect = false });
        stranger.DefaultRequestHeaders.Add(WebAppFactory.ClientAddressHeader, "203.0.113.9");
        using (var plain = await stranger.GetAsync("/account/sign-in"))
        {
            // The page renders, without a token (none can be issued), and says why signing in cannot work here.
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Contains("Signing in needs HTTPS", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
    }

    /// <summary>The app in Production behind a proxy on loopback, answering only for <see cref="Host"/>.</summary>
    private static Task<TestHost> ProductionAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        TestHost.StartAsync(new()
        {
            EnvironmentName = "Production",
            ClientAddress = IPAddress.Loopback,
            Settings = new Dictionary<string, string?>(settings ?? []) { ["AllowedHosts"] = Host },
            Services = services,
        });
}

/// <summary>
/// A browser behind a TLS-terminating proxy on the same machine: plain HTTP to the app with
/// <c>X-Forwarded-Proto: https</c>, keeping Secure cookies itself (a cookie container would not send them over http).
/// </summary>
internal sealed class ProxiedClient(TestHost app, string host = "dashboard.example")
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"http://{host}"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });
    private readonly Dictionary<string, string> _cookies = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>Loads <paramref name="page"/> for its antiforgery token, then posts <paramref name="fields"/> with it to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields)
    {
        using var get = await GetAsync(page);
        var html = await get.Content.ReadAsStringAsync();
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)get.StatusCode}");
        return await PostAsync(action, new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = HttpForms.AntiforgeryToken(html) });
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                var pair = cookie.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
        return response;
    }
}

/// <summary>Every log entry of the app under test.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => [.. _entries];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue((logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
