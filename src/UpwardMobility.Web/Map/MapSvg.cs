using System.Globalization;
using System.Text;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary>
/// The map as one SVG document, written by the server from the cached shapes: every county of the view as a link
/// to its dashboard (so it can be focused and opened with Enter, and clicked), filled by <see cref="MapColourScale"/>,
/// with what the hover/tap panel shows in data attributes. The national view is the whole 975×610 frame; a state view
/// is a real zoom: the viewBox is the state's bounds and only its counties are drawn. Coordinates are integers at
/// about 4,000 units across the view (a quarter of a pixel on a wide screen), whatever the zoom.
/// </summary>
public static class MapSvg
{
    /// <summary>Units across the view: enough for sub-pixel precision at any width the page is shown at.</summary>
    private const int UnitsAcross = 4000;

    /// <summary>The dot drawn for a county too small to see at the view's scale, as a share of the view's width.</summary>
    private const double DotRadius = 0.0022;

    /// <param name="names">Every county's full name ("Autauga County, AL"), for the counties without a value.</param>
    public static string Render(
        MetricCrossSection section, IReadOnlyList<CrossSectionRow> rows, string? stateFips, MapShapes shapes,
        IReadOnlyDictionary<string, string> names, string countyQuery, string? stateName = null)
    {
        var metric = section.Metric;
        // The same values as the page's legend: the counties of the view that have a shape.
        var shown = rows.Where(r => shapes.CountyFips.Contains(r.Fips) && r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value).ToList();
        var scale = section.ColourScale(shown, stateFips, stateName);
        // Ranks are among every county of the section (the nation), as on the rankings page.
        var pool = Core.Judgement.RankPool.Of(section.Rows.Where(r => r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value), metric.Specials);
        var byFips = rows.ToDictionary(r => r.Fips, StringComparer.Ordinal);
        var box = stateFips is not null && shapes.States.TryGetValue(stateFips, out var state)
            ? Padded(state.Box)
            : [0, 0, MapShapes.Width * MapShapes.Factor, MapShapes.Height * MapShapes.Factor];
        var step = Math.Max(1, (int)Math.Round((box[2] - box[0]) / (double)UnitsAcross));
        var (width, height) = ((box[2] - box[0] + step - 1) / step, (box[3] - box[1] + step - 1) / step);
        // Historical shapes (Connecticut's old counties, Valdez-Cordova) and current ones cover the same ground: the old
        // ones are drawn only when the view has values keyed by them, and then instead of the current ones they became.
        var inView = shapes.Counties.Where(c => stateFips is null || c.StateFips == stateFips).ToList();
        var historical = inView.Where(c => c.Historical && byFips.ContainsKey(c.Fips)).ToList();
        var covered = historical.SelectMany(c => c.ReplacedBy).Where(f => !byFips.ContainsKey(f)).ToHashSet(StringComparer.Ordinal);
        var drawn = inView
            .Where(c => c.Historical ? byFips.ContainsKey(c.Fips) : !covered.Contains(c.Fips))
            .OrderBy(c => c.Historical)
            .ToList();
        var withValue = drawn.Count(c => byFips.TryGetValue(c.Fips, out var r) && HasValue(r));

        var svg = new StringBuilder(512 * 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"map-svg\"");
        svg.Append(CultureInfo.InvariantCulture, $" data-state=\"{stateFips ?? ""}\" data-shapes=\"{drawn.Count}\" data-with-value=\"{withValue}\"");
        // What the colours mean, in the metric's stored unit: for the tests and anyone reusing the drawing.
        svg.Append(" data-scale-kind=\"").Append(scale.Kind == ColourScaleKind.Diverging ? "diverging" : "sequential").Append('"');
        svg.Append(CultureInfo.InvariantCulture, $" data-scale-min=\"{scale.Min:R}\" data-scale-max=\"{scale.Max:R}\" data-midpoint=\"{scale.Midpoint:R}\"");
        svg.Append(" data-midpoint-label=\"").Append(Escape(scale.MidpointLabel ?? "")).Append("\" data-midpoint-note=\"").Append(Escape(scale.MidpointNote ?? "")).Append('"');
        svg.Append(" data-enhance-nav=\"false\" role=\"group\" aria-label=\"").Append(Escape($"Map of {metric.Label}, {section.Year}: each county is a link to its dashboard")).Append("\">");
        svg.Append("<g class=\"map-counties\">");
        foreach (var county in drawn)
        {
            byFips.TryGetValue(county.Fips, out var row);
            var name = row?.FullName ?? names.GetValueOrDefault(county.Fips);
            // A shape whose code is not a visible county (hidden by an admin) is drawn, but is no link.
            svg.Append(name is null ? "<a" : "<a href=\"counties/" + county.Fips + Escape(countyQuery) + "\"");
            svg.Append(" data-fips=\"").Append(county.Fips).Append('"');
            if (name is not null)
            {
                svg.Append(" data-name=\"").Append(Escape(name)).Append('"');
            }
            if (row is not null)
            {
                if (HasValue(row))
                {
                    svg.Append(" data-value=\"").Append(Escape(Core.Judgement.MetricRules.Format(metric, row.Value, row.ValueText))).Append('"');
                    if (MetricFormatter.FormatInterval(row.LowerBound, row.UpperBound, metric.Unit) is { } interval)
                    {
                        svg.Append(" data-interval=\"").Append(Escape(interval)).Append('"');
                    }
                    svg.Append(" data-quality=\"").Append(QualityLabel.For(row.Quality).Name).Append('"');
                    if (Core.Judgement.Estimate.From(row.Value, row.LowerBound, row.UpperBound, row.Quality) is { } estimate)
                    {
                        var standing = Core.Judgement.Standing.Of(metric, estimate, pool).Words.Text;
                        svg.Append(" data-standing=\"").Append(Escape(standing)).Append('"');
                    }
                }
            }
            svg.Append('>');
            var fill = scale.Colour(row is not null && HasValue(row) ? row.Value : null);
            var weak = row is not null && HasValue(row) && row.Quality == DataQuality.Weak;
            var tiny = (county.Box[2] - county.Box[0]) < 3 * step && (county.Box[3] - county.Box[1]) < 3 * step;
            if (county.Dot is not null || tiny)
            {
                var cx = MapShapes.Quantise((county.Box[0] + county.Box[2]) / 2 - box[0], step);
                var cy = MapShapes.Quantise((county.Box[1] + county.Box[3]) / 2 - box[1], step);
                var r = Math.Max(1, (int)Math.Round(width * DotRadius));
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"map-dot\" cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{fill}\"");
            }
            else
            {
                svg.Append("<path d=\"");
                MapShapes.Path(svg, county.Rings, step, box[0], box[1], closed: true);
                svg.Append("\" fill=\"").Append(fill).Append('"');
            }
            if (weak)
            {
                svg.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{MapColourScale.WeakOpacity}\"");
            }
            svg.Append("/></a>");
        }
        svg.Append("</g><path class=\"map-borders\" d=\"");
        if (stateFips is null)
        {
            MapShapes.Path(svg, shapes.Borders, step, box[0], box[1], closed: false);
        }
        else if (shapes.States.TryGetValue(stateFips, out var outline))
        {
            MapShapes.Path(svg, outline.Rings, step, box[0], box[1], closed: true);
        }
        svg.Append("\"/><path class=\"map-focus\" d=\"\"/></svg>");
        return svg.ToString();
    }

    public static bool HasValue(CrossSectionRow row) =>
        (row.Value is { } v && double.IsFinite(v)) || !string.IsNullOrWhiteSpace(row.ValueText);

    private static int[] Padded(int[] box)
    {
        var pad = (int)(Math.Max(box[2] - box[0], box[3] - box[1]) * 0.03);
        return [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
    }

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
