using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Web.Components.Charts;

namespace UpwardMobility.Web.Components.Map;

/// <summary>
/// The Plotly choropleth for one cross-section, coloured by Core's <see cref="MapColourScale"/>: blue always better and
/// orange always worse, white at the benchmark (the population-weighted median of counties, the state's when zoomed
/// to a state); context and parity metrics, which have no better, get a single-hue purple scale. Weak values are drawn faded.
/// </summary>
public static class MapFigure
{
    public const double WeakOpacity = 0.35;

    /// <summary>The figure for the counties that have a shape; the geojson URL is filled in by the page's script.</summary>
    public static object Build(
        MetricCrossSection section, IReadOnlyList<CrossSectionRow> mapped, string? stateFips, string fileName, string? stateName = null)
    {
        var metric = section.Metric;
        var withValue = mapped.Where(r => r.Value is { } v && double.IsFinite(v)).ToList();
        var scaled = withValue.Select(r => ChartFigure.Scale(r.Value, metric.Unit)!.Value).ToList();
        var scale = section.ColourScale(withValue.Select(r => r.Value!.Value).ToList(), stateFips, stateName);
        var pool = Core.Judgement.RankPool.Of(section.Rows.Where(r => r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value), metric.Specials);
        var trace = new Dictionary<string, object?>
        {
            ["type"] = "choropleth",
            ["featureidkey"] = "id",
            ["locations"] = withValue.Select(r => r.Fips).ToArray(),
            ["z"] = scaled,
            ["zmin"] = ChartFigure.Scale(scale.Min, metric.Unit),
            ["zmax"] = ChartFigure.Scale(scale.Max, metric.Unit),
            ["text"] = withValue.Select(r => HoverText(r, metric, pool)).ToArray(),
            ["hoverinfo"] = "text",
            ["colorscale"] = scale.Stops.Select(c => new object[] { c.Position, c.Colour }).ToArray(),
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
        // "scale" is not Plotly's: what the colours mean, in the metric's stored unit, for tests and other maps.
        var about = new
        {
            kind = scale.Kind == ColourScaleKind.Diverging ? "diverging" : "sequential",
            min = scale.Min,
            max = scale.Max,
            midpoint = scale.Midpoint,
            midpointLabel = scale.MidpointLabel,
            midpointNote = scale.MidpointNote,
        };
        return new { data = new[] { trace }, layout, config, scale = about };
    }

    public static string HoverText(CrossSectionRow row, Core.Counties.MetricOutline metric, Core.Judgement.RankPool? pool = null)
    {
        var parts = new List<string> { Escape(row.FullName), Escape(Core.Judgement.MetricRules.Format(metric, row.Value, row.ValueText)) };
        if (MetricFormatter.FormatInterval(row.LowerBound, row.UpperBound, metric.Unit) is { } interval)
        {
            parts[1] += $" ({Escape(interval)})";
        }
        var quality = QualityLabel.For(row.Quality);
        parts.Add(row.Quality == DataQuality.Weak ? "Quality: Weak, too uncertain to act on" : $"Quality: {quality.Name}");
        if (pool is not null && Core.Judgement.Estimate.From(row.Value, row.LowerBound, row.UpperBound, row.Quality) is { } estimate)
        {
            var words = Core.Judgement.Standing.Of(metric, estimate, pool).Words.Text;
            parts.Add(Escape(char.ToUpperInvariant(words[0]) + words[1..]));
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
