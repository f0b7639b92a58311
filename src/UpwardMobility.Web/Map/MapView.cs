using System.Globalization;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Nation;

namespace UpwardMobility.Web.Map;

/// <summary>Reads the map's URL (metric, year, subgroup, state) into a cross-section; shared by the page and its data.</summary>
public sealed record MapView(MetricCrossSection? Section, string? StateFips, IReadOnlyList<CrossSectionRow> Rows, bool UnknownMetric, bool UnknownSubgroup)
{
    /// <summary>What the URL asked for that does not exist, in words, so the reader knows why the view differs.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The query key that switches a view from counties to cities: <c>places=cities</c>.</summary>
    public const string PlacesKey = "places";

    /// <summary>Cities for <c>places=cities</c>; counties for anything else.</summary>
    public static PlaceKind PlacesOf(string? places) =>
        string.Equals(places?.Trim(), PlaceKind.City.RoutePrefix, StringComparison.OrdinalIgnoreCase) ? PlaceKind.City : PlaceKind.County;

    /// <summary>The measure shown when the URL names none: a headline economic measure.</summary>
    public const string DefaultMetric = "share_employed";

    public static async Task<MapView> LoadAsync(
        MetricCrossSectionService crossSections, FrameworkOutline framework, IReadOnlyList<StateCounties> states,
        string? metric, string? yearText, string? subgroup, string? subgroupType, string? state, CancellationToken ct = default,
        PlaceKind? kind = null)
    {
        var keys = framework.Pillars.SelectMany(p => p.Predictors).SelectMany(q => q.Metrics).Select(m => m.Key).ToList();
        var asked = metric?.Trim();
        var unknownMetric = !string.IsNullOrEmpty(asked) && !keys.Contains(asked, StringComparer.Ordinal);
        var key = !string.IsNullOrEmpty(asked) && !unknownMetric ? asked
            : keys.Contains(DefaultMetric, StringComparer.Ordinal) ? DefaultMetric : keys.FirstOrDefault();
        var year = short.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (short?)null;
        var section = key is null ? null : await crossSections.GetAsync(key, year, subgroup, subgroupType, ct, (kind ?? PlaceKind.County).Kind);
        var unknownSubgroup = section is not null && !Core.Metrics.Subgroups.IsAll(subgroup) && section.Subgroup.IsAll;
        var stateFips = states.FirstOrDefault(s => s.StateFips == state?.Trim()
            || string.Equals(s.StateAbbr, state?.Trim(), StringComparison.OrdinalIgnoreCase))?.StateFips;
        var rows = section is null ? [] : stateFips is null ? section.Rows : section.Rows.Where(r => r.StateFips == stateFips).ToList();
        var notices = new List<string>();
        if (!string.IsNullOrWhiteSpace(state) && stateFips is null)
        {
            notices.Add($"There is no state “{state.Trim()}” (use a 2-digit FIPS code or a postal abbreviation): showing every state.");
        }
        if (!string.IsNullOrWhiteSpace(yearText) && section is { Year: { } shown } && (year is null || year != shown))
        {
            notices.Add(year is null
                ? $"“{yearText.Trim()}” is not a year: showing {shown}, the latest with values."
                : $"No values are published for {year} on this measure: showing {shown}, the latest with values.");
        }
        return new MapView(section, stateFips, rows, unknownMetric, unknownSubgroup) { Notices = notices };
    }

    /// <summary>The view's query as unescaped pairs, for a form's hidden fields (the map's search box).</summary>
    public static IEnumerable<(string Key, string Value)> QueryPairs(MetricCrossSection section, string? stateFips) =>
        Query(section, stateFips).Split('&').Select(p => p.Split('=', 2)).Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));

    /// <summary>The query string that reproduces the view (without the leading "?").</summary>
    public static string Query(MetricCrossSection section, string? stateFips, string? extra = null)
    {
        var parts = new List<string> { "metric=" + Uri.EscapeDataString(section.Metric.Key) };
        if (section.Year is { } year)
        {
            parts.Add(FormattableString.Invariant($"year={year}"));
        }
        if (!section.Subgroup.IsAll)
        {
            parts.Add("subgroup_type=" + Uri.EscapeDataString(section.Subgroup.Type));
            parts.Add("subgroup=" + Uri.EscapeDataString(section.Subgroup.Label));
        }
        if (stateFips is not null)
        {
            parts.Add("state=" + stateFips);
        }
        if (section.Kind == PlaceKind.City)
        {
            parts.Add(PlacesKey + "=" + PlaceKind.City.RoutePrefix);
        }
        if (!string.IsNullOrEmpty(extra))
        {
            parts.Add(extra);
        }
        return string.Join("&", parts);
    }
}
