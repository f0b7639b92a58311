using System.Globalization;
using System.Text;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary>
/// The map as one SVG document, written by the server from the cached shapes: every county of the view as a link
/// to its dashboard (so it can be focused and opened with Enter, and clicked) with its name, filled by
/// <see cref="MapColourScale"/>. What the hover/tap panel shows (value, interval, quality, standing) is not in the
/// drawing but in <see cref="Details"/>, fetched once the shapes are drawn: on a phone the drawing is half the bytes
/// to fetch and parse before the map shows. The national view is the whole 975×610 frame; a state view
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
        if (section.Kind == PlaceKind.City)
        {
            return RenderCities(section, rows, stateFips, shapes, countyQuery, stateName);
        }
        var metric = section.Metric;
        // The same values as the page's legend: the counties of the view that have a shape.
        var shown = rows.Where(r => shapes.CountyFips.Contains(r.Fips) && r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value).ToList();
        var scale = section.ColourScale(shown, stateFips, stateName);
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
        AppendBorders(svg, shapes, stateFips, step, box);
        svg.Append("\"/><path class=\"map-focus\" d=\"\"/></svg>");
        return svg.ToString();
    }

    /// <summary>Largest and smallest city dot, as shares of the view's width: area grows with population.</summary>
    private const double CityRadiusMax = 0.011, CityRadiusMin = 0.0028;

    /// <summary>
    /// The cities' map: the counties (or the state's) as a grey ground with no values (a city is never coloured among
    /// counties), and each city with a point (<see cref="MapShapes.CityPoints"/>) as a dot sized by its population and
    /// coloured by <see cref="MapColourScale"/> among the cities shown, a link to the city's dashboard. The biggest
    /// cities are drawn first so smaller neighbours stay on top and can be pointed at.
    /// </summary>
    private static string RenderCities(
        MetricCrossSection section, IReadOnlyList<CrossSectionRow> rows, string? stateFips, MapShapes shapes, string cityQuery, string? stateName)
    {
        var metric = section.Metric;
        var points = shapes.CityPoints;
        var placed = rows.Where(r => points.ContainsKey(r.Fips)).ToList();
        var scale = section.ColourScale(placed.Where(r => r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value).ToList(), stateFips, stateName);
        var box = stateFips is not null && shapes.States.TryGetValue(stateFips, out var state)
            ? Padded(state.Box)
            : [0, 0, MapShapes.Width * MapShapes.Factor, MapShapes.Height * MapShapes.Factor];
        var step = Math.Max(1, (int)Math.Round((box[2] - box[0]) / (double)UnitsAcross));
        var (width, height) = ((box[2] - box[0] + step - 1) / step, (box[3] - box[1] + step - 1) / step);
        var largest = Math.Max(1, placed.Max(r => r.Population) ?? 1);
        var withValue = placed.Count(HasValue);

        var svg = new StringBuilder(128 * 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"map-svg map-svg--cities\"");
        svg.Append(CultureInfo.InvariantCulture, $" data-state=\"{stateFips ?? ""}\" data-places=\"cities\" data-shapes=\"{placed.Count}\" data-with-value=\"{withValue}\"");
        svg.Append(" data-scale-kind=\"").Append(scale.Kind == ColourScaleKind.Diverging ? "diverging" : "sequential").Append('"');
        svg.Append(CultureInfo.InvariantCulture, $" data-scale-min=\"{scale.Min:R}\" data-scale-max=\"{scale.Max:R}\" data-midpoint=\"{scale.Midpoint:R}\"");
        svg.Append(" data-enhance-nav=\"false\" role=\"group\" aria-label=\"").Append(Escape($"Map of {metric.Label}, {section.Year}: each city is a dot and a link to its dashboard")).Append("\">");
        svg.Append("<path class=\"map-ground\" aria-hidden=\"true\" d=\"");
        foreach (var county in shapes.Counties.Where(c => !c.Historical && (stateFips is null || c.StateFips == stateFips) && c.Dot is null))
        {
            MapShapes.Path(svg, county.Rings, step, box[0], box[1], closed: true);
        }
        svg.Append("\"/><path class=\"map-borders\" d=\"");
        AppendBorders(svg, shapes, stateFips, step, box);
        svg.Append("\"/><g class=\"map-cities\">");
        foreach (var row in placed.OrderByDescending(r => r.Population ?? 0).ThenBy(r => r.Fips, StringComparer.Ordinal))
        {
            var (x, y) = points[row.Fips];
            var cx = MapShapes.Quantise(x - box[0], step);
            var cy = MapShapes.Quantise(y - box[1], step);
            // Area in proportion to population: the radius goes with its square root.
            var share = Math.Sqrt((double)(row.Population ?? 0) / largest);
            var r = Math.Max(1, (int)Math.Round(width * (CityRadiusMin + ((CityRadiusMax - CityRadiusMin) * share))));
            svg.Append("<a href=\"cities/").Append(row.Fips).Append(Escape(cityQuery)).Append('"');
            svg.Append(" data-fips=\"").Append(row.Fips).Append("\" data-name=\"").Append(Escape(row.FullName)).Append('"');
            var fill = scale.Colour(HasValue(row) ? row.Value : null);
            svg.Append(CultureInfo.InvariantCulture, $"><circle class=\"map-city\" cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{fill}\"");
            if (HasValue(row) && row.Quality == DataQuality.Weak)
            {
                svg.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{MapColourScale.WeakOpacity}\"");
            }
            svg.Append("/></a>");
        }
        svg.Append("</g><path class=\"map-focus\" d=\"\"/></svg>");
        return svg.ToString();
    }

    /// <summary>
    /// What the hover/tap panel shows for each place of the view with a value, by FIPS code: value, 95% interval,
    /// quality and standing, ranked among every place of its kind in the section (the nation), as on the rankings page.
    /// </summary>
    public static IReadOnlyDictionary<string, MapDetail> Details(MetricCrossSection section, IReadOnlyList<CrossSectionRow> rows)
    {
        var metric = section.Metric;
        var pool = section.StandingPool();
        var details = new Dictionary<string, MapDetail>(StringComparer.Ordinal);
        foreach (var row in rows.Where(HasValue))
        {
            var standing = section.StandingOf(row, pool)?.Words.Text;
            details[row.Fips] = new MapDetail(
                Core.Judgement.MetricRules.Format(metric, row.Value, row.ValueText),
                MetricFormatter.FormatInterval(row.LowerBound, row.UpperBound, metric.Unit),
                QualityLabel.For(row.Quality).Name,
                standing);
        }
        return details;
    }

    /// <summary>The state borders of the nation, or the one state's outline when zoomed to it.</summary>
    private static void AppendBorders(StringBuilder svg, MapShapes shapes, string? stateFips, int step, int[] box)
    {
        if (stateFips is null)
        {
            MapShapes.Path(svg, shapes.Borders, step, box[0], box[1], closed: false);
        }
        else if (shapes.States.TryGetValue(stateFips, out var outline))
        {
            MapShapes.Path(svg, outline.Rings, step, box[0], box[1], closed: true);
        }
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
