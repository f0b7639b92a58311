using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>One headless Chromium per test collection (see <see cref="BrowserCollection"/>).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var chromium = TestEnvironment.ChromiumPath;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>
    /// A page in its own browser context that records console errors, uncaught page errors and every
    /// request to a host that is not loopback. Dispose the returned <see cref="TrackedPage"/> to close it.
    /// </summary>
    /// <param name="grant">
    /// Permissions granted before the page opens (Chromium takes some, such as <c>local-network-access</c>, neither from
    /// the context's options nor once a page exists).
    /// </param>
    public async Task<TrackedPage> NewPageAsync(string? baseUrl = null, BrowserNewContextOptions? options = null, IEnumerable<string>? grant = null)
    {
        options ??= new BrowserNewContextOptions();
        if (baseUrl is not null)
        {
            options.BaseURL = baseUrl;
        }
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        var context = await Browser.NewContextAsync(options);
        if (grant is not null)
        {
            await context.GrantPermissionsAsync(grant);
        }
        var page = await context.NewPageAsync();
        return new TrackedPage(context, page);
    }
}

/// <summary>A Playwright page plus what it logged and where it tried to go.</summary>
public sealed class TrackedPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _externalRequests = new();

    internal TrackedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue(message.Text + (message.Location is { Length: > 0 } where ? " (" + where + ")" : ""));
            }
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue("page error: " + error);
        // Context-level, so requests from workers and popups are seen too.
        context.Request += (_, request) =>
        {
            if (!IsLocal(request.Url))
            {
                _externalRequests.Enqueue(request.Method + " " + request.Url);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console messages of type error, and uncaught exceptions, in order.</summary>
    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    /// <summary>Every request (METHOD URL) whose host is not loopback.</summary>
    public IReadOnlyList<string> ExternalRequests => [.. _externalRequests];

    /// <summary>True for loopback hosts and for URLs with no network host (data:, blob:, about:).</summary>
    public static bool IsLocal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }
        if (uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            return uri.Scheme is "data" or "blob" or "about";
        }
        return uri.IsLoopback;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
