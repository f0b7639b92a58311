using Microsoft.Playwright;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Phone;

/// <summary>What a page must be on a phone, measured in the browser: no sideways scroll, charts whose titles and legends
/// neither overlap nor stick out, and no serious accessibility problem.</summary>
public static class PhoneChecks
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Waits until every Plotly chart has drawn and settled its layout (charts.js) and the map has drawn (or given up).</summary>
    public static async Task WaitForChartsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForFunctionAsync(@"() =>
            [...document.querySelectorAll('.js-chart')].every(c => c.querySelector('svg.main-svg') && c.hasAttribute('data-settled'))
            && [...document.querySelectorAll('.js-map')].every(m => m.hasAttribute('data-drawn'))", null, new() { Timeout = 30_000 });
    }

    /// <summary>Empty when the page is no wider than the window; else the widths and the elements that stick out.</summary>
    public static async Task<string?> SidewaysScrollAsync(IPage page)
    {
        var result = await page.EvaluateAsync<string?>(@"() => {
            const inner = window.innerWidth, scroll = document.documentElement.scrollWidth;
            if (scroll <= inner) return null;
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.right <= inner + 1 || r.width === 0) continue;
                let p = el.parentElement, inBox = false;
                while (p && p !== document.body) {
                    if (getComputedStyle(p).overflowX !== 'visible') { inBox = true; break; }
                    p = p.parentElement;
                }
                if (inBox) continue;
                const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' to ' + Math.round(r.right) + 'px');
            }
            return `scrollWidth ${scroll} > innerWidth ${inner}: ` + out.slice(0, 6).join(', ');
        }");
        return result;
    }

    /// <summary>
    /// Captions a reader cannot read whole without scrolling sideways: a table wider than its scroll box carries its
    /// caption as wide as itself, so the caption's end is hidden (issue 28, item 8, on the plan's tables).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CutCaptionsAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() =>
        [...document.querySelectorAll('caption')]
            .filter(c => c.getClientRects().length > 0 && c.textContent.trim())
            .filter(c => {
                let box = c.parentElement;
                while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
                if (!box || box === document.documentElement || box === document.body) return false;
                const text = document.createRange();
                text.selectNodeContents(c);
                return text.getBoundingClientRect().right > box.getBoundingClientRect().right + 1;
            })
            .map(c => 'caption cut off: ' + c.textContent.trim().slice(0, 60))");

    /// <summary>Each chart's axis titles, tick labels, legend and mode bar: any two that overlap, or one outside the chart.</summary>
    public static async Task<IReadOnlyList<string>> ChartCollisionsAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() => {
        const problems = [];
        const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        document.querySelectorAll('.js-chart.js-plotly-plot').forEach(chart => {
            const frame = chart.getBoundingClientRect();
            const parts = [];
            const add = (selector, name) => chart.querySelectorAll(selector).forEach(e => {
                const r = e.getBoundingClientRect();
                if (r.width > 0 && r.height > 0) parts.push({ name, r });
            });
            add('.g-xtitle', 'x-axis title');
            add('.g-ytitle', 'y-axis title');
            add('.legend', 'legend');
            add('.xaxislayer-above .xtick text', 'x tick label');
            add('.yaxislayer-above .ytick text', 'y tick label');
            add('.modebar', 'mode bar');
            for (const p of parts) {
                if (p.r.left < frame.left - 1 || p.r.right > frame.right + 1 || p.r.top < frame.top - 1 || p.r.bottom > frame.bottom + 1) {
                    problems.push(`${chart.id}: the ${p.name} is cut off`);
                }
            }
            for (let i = 0; i < parts.length; i++) {
                for (let j = i + 1; j < parts.length; j++) {
                    if (parts[i].name !== parts[j].name && meets(parts[i].r, parts[j].r)) {
                        problems.push(`${chart.id}: the ${parts[i].name} overlaps the ${parts[j].name}`);
                    }
                }
            }
        });
        return problems;
    }");

    /// <summary>
    /// On a narrow chart the value axis's title is a line above the plot (charts.js): the ids of charts whose figure
    /// names a value axis but whose title is not shown there, so dropping the vertical title cannot lose it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UntitledNarrowChartsAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() =>
        [...document.querySelectorAll('.js-chart[data-figure]')]
            .filter(c => c.clientWidth < 560)
            .filter(c => { const f = JSON.parse(c.getAttribute('data-figure')); return f.layout && f.layout.yaxis && f.layout.yaxis.title && f.layout.yaxis.title.text; })
            .filter(c => { const p = c.previousElementSibling; return !(p && p.classList.contains('chart-axis-title') && !p.hidden && p.getBoundingClientRect().height > 0 && p.textContent.trim()); })
            .map(c => c.id)");

    /// <summary>The counted chart parts (at least one title per chart), so the collision check cannot pass on nothing.</summary>
    public static Task<int> ChartTitleCountAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.querySelectorAll('.js-chart.js-plotly-plot .g-ytitle, .js-chart.js-plotly-plot .g-xtitle').length");

    public static Task<IReadOnlyList<string>> SeriousAxeViolationsAsync(IPage page, string where) => Axe.SeriousViolationsAsync(page, where);
}
