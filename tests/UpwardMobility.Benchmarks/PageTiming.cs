using System.Globalization;
using Microsoft.Playwright;

namespace UpwardMobility.Benchmarks;

/// <summary>
/// Page weight and time to drawn in headless Chromium, first visit (empty cache) and repeat visit (same browser
/// context), for pages of a running app: <c>pages BASE_URL PATH...</c>. A page counts as drawn when its charts or
/// map say so (<c>data-drawn="true"</c> on every <c>.js-chart</c> / <c>.js-map</c>), else at the load event.
/// </summary>
public static class PageTiming
{
    private const string DrawnScript = """
        () => {
          const charts = [...document.querySelectorAll('.js-chart, .js-map')];
          return charts.every(c => c.getAttribute('data-drawn') === 'true');
        }
        """;

    // Bytes on the wire (transferSize is 0 for resources served from the memory or disk cache).
    private const string WeightScript = """
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const wire = (nav ? nav.transferSize : 0) + resources.reduce((s, r) => s + r.transferSize, 0);
          const decoded = (nav ? nav.decodedBodySize : 0) + resources.reduce((s, r) => s + r.decodedBodySize, 0);
          return [wire, decoded, resources.length + 1];
        }
        """;

    public static async Task<int> RunAsync(string baseUrl, IReadOnlyList<string> paths)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("UPWARD_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Console.WriteLine("| page | visit | requests | bytes on the wire | bytes decoded | time to drawn |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var path in paths)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
            var page = await context.NewPageAsync();
            foreach (var visit in new[] { "first", "repeat" })
            {
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                await page.WaitForFunctionAsync(DrawnScript, null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
                var drawnMs = await page.EvaluateAsync<double>("() => performance.now()");
                var weight = await page.EvaluateAsync<double[]>(WeightScript);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| `{path}` | {visit} | {weight[2]:0} | {weight[0] / 1024:N0} KiB | {weight[1] / 1024:N0} KiB | {drawnMs:N0} ms |"));
            }
        }
        return 0;
    }
}
