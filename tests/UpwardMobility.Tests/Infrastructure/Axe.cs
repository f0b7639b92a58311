using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>The one accessibility scan every browser test uses: axe-core's serious and critical violations of a page.</summary>
public static class Axe
{
    /// <summary>
    /// The national map draws about 3,200 county links from one loop of <c>MapSvg</c>, all alike; axe checks the first 200
    /// (same markup, same names, same colours), which cut a map page's scan from about 50 s to a few seconds on two cores.
    /// The rankings table, scanned whole, lists every county as text.
    /// </summary>
    private static readonly AxeRunContext Context = new() { Exclude = [new AxeSelector("#county-map .map-counties > a:nth-of-type(n+201)")] };

    // Only violations are read: collecting every pass, too, doubled the scan of a long page.
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    /// <summary>"where: rule (impact) help: first nodes" for each serious or critical violation.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string where)
    {
        var results = await page.RunAxe(Context, Options);
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }
}
