using System.Globalization;
using Microsoft.Playwright;

namespace UpwardMobility.Benchmarks;

/// <summary>
/// Page weight and time to drawn in headless Chromium, first visit (empty cache) and repeat visit (same browser
/// context), for pages of a running app: <c>pages BASE_URL PATH...</c> (desktop, unthrottled) and
/// <c>phone BASE_URL PATH...</c> (Lighthouse's phone profile, below). A page counts as drawn when its charts or
/// map say so (<c>data-drawn="true"</c> on every <c>.js-chart</c> / <c>.js-map</c>), timed by the last
/// <c>chart-drawn</c> / <c>map-drawn</c> mark the scripts set, else at the load event.
/// </summary>
public static class PageTiming
{
    /// <summary>
    /// Lighthouse's mobile profile ("slow 4G", Moto G Power): 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip,
    /// CPU 4× slower, a 412×823 touch screen. Applied through the Chrome DevTools Protocol, as Lighthouse's
    /// "devtools" throttling does (Lighthouse itself would add 3.75× to the latency there to stand for its simulated
    /// round trips; these are the plain figures the goals are stated in).
    /// </summary>
    public sealed record Profile(string Name, bool Throttled, int Width, int Height);

    public static readonly Profile Desktop = new("desktop", false, 1280, 900);
    public static readonly Profile Phone = new("phone", true, 412, 823);

    private const double DownBitsPerSecond = 1.6 * 1024 * 1024;
    private const double UpBitsPerSecond = 750 * 1024;
    private const double RoundTripMs = 150;
    private const double CpuSlowdown = 4;

    private const string DrawnScript = """
        () => {
          const charts = [...document.querySelectorAll('.js-chart, .js-map')];
          return charts.every(c => c.getAttribute('data-drawn') === 'true');
        }
        """;

    private const string DrawnAtScript = """
        () => {
          const marks = performance.getEntriesByType('mark').filter(m => m.name === 'map-drawn' || m.name === 'chart-drawn');
          if (marks.length > 0) return Math.max(...marks.map(m => m.startTime));
          const nav = performance.getEntriesByType('navigation')[0];
          return nav ? nav.loadEventEnd : performance.now();
        }
        """;

    // Bytes on the wire (transferSize is 0 for resources served from the memory or disk cache); first and largest
    // contentful paint (the page is readable), from the browser's own paint timing.
    private const string WeightScript = """
        async () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const wire = (nav ? nav.transferSize : 0) + resources.reduce((s, r) => s + r.transferSize, 0);
          const decoded = (nav ? nav.decodedBodySize : 0) + resources.reduce((s, r) => s + r.decodedBodySize, 0);
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const lcp = await new Promise(resolve => {
            new PerformanceObserver(list => {
              const entries = list.getEntries();
              resolve(entries.length ? entries[entries.length - 1].startTime : 0);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
            setTimeout(() => resolve(0), 1000);
          });
          return [wire, decoded, resources.length + 1, fcp ? fcp.startTime : 0, lcp];
        }
        """;

    public static async Task<int> RunAsync(string baseUrl, IReadOnlyList<string> paths, Profile profile)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("UPWARD_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Console.WriteLine(profile.Throttled
            ? $"Profile: {profile.Name}, {profile.Width}×{profile.Height}, {DownBitsPerSecond / 1024 / 1024:0.0} Mbit/s down, {UpBitsPerSecond / 1024:0} kbit/s up, {RoundTripMs:0} ms RTT, CPU {CpuSlowdown:0}× slower"
            : $"Profile: {profile.Name}, {profile.Width}×{profile.Height}, no throttling");
        Console.WriteLine();
        Console.WriteLine("| page | visit | requests | bytes on the wire | bytes decoded | first contentful paint | largest contentful paint | time to drawn |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var path in paths)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseUrl,
                ViewportSize = new ViewportSize { Width = profile.Width, Height = profile.Height },
                IsMobile = profile.Throttled,
                HasTouch = profile.Throttled,
            });
            var page = await context.NewPageAsync();
            if (profile.Throttled)
            {
                var cdp = await context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false,
                    ["latency"] = RoundTripMs,
                    ["downloadThroughput"] = DownBitsPerSecond / 8,
                    ["uploadThroughput"] = UpBitsPerSecond / 8,
                });
                await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = CpuSlowdown });
            }
            foreach (var visit in new[] { "first", "repeat" })
            {
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
                await page.WaitForFunctionAsync(DrawnScript, null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 20 });
                // The moment the last chart or map was drawn (their scripts mark it), not when this poll noticed;
                // a page with neither is drawn at its load event.
                var drawnMs = await page.EvaluateAsync<double>(DrawnAtScript);
                var weight = await page.EvaluateAsync<double[]>(WeightScript);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| `{path}` | {visit} | {weight[2]:0} | {weight[0] / 1024:N0} KiB | {weight[1] / 1024:N0} KiB | {weight[3]:N0} ms | {weight[4]:N0} ms | {drawnMs:N0} ms |"));
            }
        }
        return 0;
    }
}
