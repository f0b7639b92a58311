using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Web.Components.Charts;

namespace UpwardMobility.Web.Components.Map;

/// <summary>
/// The Plotly choropleth for one cross-section. Colours are aware of direction: blue is always better and orange
/// always worse (Okabe–Ito-derived, safe for the common colour-vision deficiencies); context and parity metrics,
/// which have no better, get a single-hue purple scale. Weak values are drawn faded.
/// </summary>
public static class MapFigure
{
    public const double WeakOpacity = 0.35;

    private static readonly object[][] BetterIsHigh =
    [
        [0.0, "#b35806"], [0.25, "#e08214"], [0.5, "#f7f7f7"], [0.75, "#6baed6"], [1.0, "#08519c"],
    ];

    private static readonly object[][] Neutral =
    [
        [0.0, "#f2f0f7"], [0.5, "#9e9ac8"], [1.0, "#3f007d"],
    ];

    /// <summary>The figure for the counties that have a shape; the geojson URL is filled in by the page's script.</summary>
    public static object Build(MetricCrossSection section, IReadOnlyList<CrossSectionRow> mapped, string? stateFips, string fileName)
    {
        var metric = section.Metric;
        var withValue = mapped.Where(r => r.Value is { } v && double.IsFinite(v)).ToList();
        var scaled = withValue.Select(r => ChartFigure.Scale(r.Value, metric.Unit)!.Value).ToList();
        var (zmin, zmax) = Range(scaled);
        var judged = section.Judged;
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "choropleth",
            ["featureidkey"] = "id",
            ["locations"] = withValue.Select(r => r.Fips).ToArray(),
            ["z"] = scaled,
            ["zmin"] = zmin,
            ["zmax"] = zmax,
            ["text"] = withValue.Select(r => HoverText(r, metric)).ToArray(),
            ["hoverinfo"] = "text",
            ["colorscale"] = judged ? BetterIsHigh : Neutral,
            ["reversescale"] = metric.Direction == MetricDirection.Down,
            ["marker"] = new
            {
                line = new { color = "#ffffff", width = 0.3 },
                opacity = withValue.Select(r => r.Quality == DataQuality.Weak ? WeakOpacity : 1.0).ToArray(),
            },
            ["colorbar"] = new Dictionary<string, object?>
            {
                ["title"] = new { text = ColourBarTitle(metric), side = "right" },
                ["ticksuffix"] = metric.Unit == MetricUnit.Share ? "%" : null,
                ["tickprefix"] = metric.Unit == MetricUnit.Dollars ? "$" : null,
                ["separatethousands"] = true,
                ["thickness"] = 14,
                ["len"] = 0.8,
            },
        };
        var layout = new
        {
            geo = new Dictionary<string, object?>
            {
                ["scope"] = "usa",
                ["fitbounds"] = stateFips is null ? false : "locations",
                ["showland"] = true,
                ["landcolor"] = "#e4e7eb",
                ["showlakes"] = false,
                ["showsubunits"] = true,
                ["subunitcolor"] = "#1b2127",
                ["subunitwidth"] = 0.7,
                ["bgcolor"] = "rgba(0,0,0,0)",
            },
            margin = new { l = 0, r = 0, t = 0, b = 0 },
            height = 560,
            dragmode = false,
            font = new { family = "system-ui, sans-serif", size = 13, color = "#1b2127" },
        };
        var config = new
        {
            displaylogo = false,
            responsive = true,
            scrollZoom = false,
            modeBarButtonsToRemove = new[] { "select2d", "lasso2d" },
            toImageButtonOptions = new { format = "png", filename = fileName, scale = 2 },
        };
        return new { data = new[] { trace }, layout, config };
    }

    /// <summary>The 2nd to 98th percentile, so a handful of extreme counties do not wash out every other colour.</summary>
    public static (double? Min, double? Max) Range(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }
        var sorted = values.Order().ToArray();
        var low = sorted[(int)Math.Floor((sorted.Length - 1) * 0.02)];
        var high = sorted[(int)Math.Ceiling((sorted.Length - 1) * 0.98)];
        return low < high ? (low, high) : (sorted[0], sorted[^1]);
    }

    public static string HoverText(CrossSectionRow row, Core.Counties.MetricOutline metric)
    {
        var parts = new List<string> { Escape(row.FullName), Escape(MetricFormatter.Format(row.Value, metric.Unit, row.ValueText)) };
        if (MetricFormatter.FormatInterval(row.LowerBound, row.UpperBound, metric.Unit) is { } interval)
        {
            parts[1] += $" ({Escape(interval)})";
        }
        var quality = QualityLabel.For(row.Quality);
        parts.Add(row.Quality == DataQuality.Weak ? "Quality: Weak, too uncertain to act on" : $"Quality: {quality.Name}");
        if (DashboardWords.PercentileText(row.Percentile, metric.Direction, row.Value) is { } words)
        {
            parts.Add(char.ToUpperInvariant(words[0]) + words[1..]);
        }
        return string.Join("<br>", parts);
    }

    private static string ColourBarTitle(Core.Counties.MetricOutline metric) => metric.Direction switch
    {
        MetricDirection.Up => "Higher is better",
        MetricDirection.Down => "Lower is better",
        _ => "Value",
    };

    // Plotly renders hover text as a small HTML subset: names like "Doña Ana" are fine, but < and & must not be markup.
    // No <b> either: Plotly draws it as an inline style attribute, which the content security policy refuses.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
