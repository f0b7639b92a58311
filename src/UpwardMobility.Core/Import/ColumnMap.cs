using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Import;

/// <summary>What each column of a file holds, worked out from its header and the catalog.</summary>
public sealed class ColumnMap
{
    public sealed record MetricColumns(CatalogIndex.MetricInfo Metric, int Value, int Lower, int Upper, int Quality, string ValueName);

    public int Year { get; private init; } = -1;
    public int State { get; private init; } = -1;
    public int Area { get; private init; } = -1;
    /// <summary>The name columns are known (not reported as unknown) but never read: the Census lists name the places.</summary>
    public int StateName { get; private init; } = -1;
    public int AreaName { get; private init; } = -1;
    public int SubgroupType { get; private init; } = -1;
    public int Subgroup { get; private init; } = -1;
    public int Population { get; private init; } = -1;
    public GeographyKind Kind { get; private init; }
    public required string[] Headers { get; init; }
    public List<MetricColumns> Metrics { get; } = [];
    public List<string> UnknownColumns { get; } = [];

    /// <summary>Group quality flags not used because each of their metrics has a flag of its own in the file.</summary>
    public List<string> SupersededQualityColumns { get; } = [];
    public string? FatalError { get; private set; }

    public static ColumnMap Build(string[] rawHeaders, CatalogIndex catalog)
    {
        var headers = rawHeaders.Select(h => h.Trim().Trim('\uFEFF').Trim()).ToArray();
        int Find(string name) => Array.FindIndex(headers, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var county = Find("county");
        var place = Find("place");
        var map = new ColumnMap
        {
            Headers = headers,
            Year = Find("year"),
            State = Find("state"),
            Area = place >= 0 ? place : county,
            Kind = place >= 0 ? GeographyKind.City : GeographyKind.County,
            StateName = Find("state_name"),
            AreaName = place >= 0 ? Find("place_name") : Find("county_name"),
            SubgroupType = Find("subgroup_type"),
            Subgroup = Find("subgroup"),
            Population = Find("population"),
        };
        if (county >= 0 && place >= 0)
        {
            map.FatalError = "The file has both a 'county' and a 'place' column: put counties and cities in separate files.";
            return map;
        }
        if (map.State < 0 || map.Area < 0)
        {
            map.FatalError = "The file needs 'state' and 'county' columns (or 'state' and 'place' for cities) to know where each row belongs.";
            return map;
        }
        var duplicates = headers.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            map.FatalError = $"The header repeats the column(s) {string.Join(", ", duplicates.Select(d => $"'{ReportText.Clip(d)}'"))}.";
            return map;
        }
        map.MapMetrics(catalog);
        return map;
    }

    private static readonly HashSet<string> IdColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "state", "county", "place", "state_name", "county_name", "place_name", "subgroup_type", "subgroup", "population",
    };

    private void MapMetrics(CatalogIndex catalog)
    {
        var used = new bool[Headers.Length];
        for (var i = 0; i < Headers.Length; i++)
        {
            used[i] = IdColumns.Contains(Headers[i]);
        }
        var valueColumns = new Dictionary<CatalogIndex.MetricInfo, int>();
        for (var i = 0; i < Headers.Length; i++)
        {
            if (used[i] || catalog.FindMetric(Headers[i]) is not { } metric)
            {
                continue;
            }
            if (valueColumns.TryGetValue(metric, out var other))
            {
                FatalError = $"Columns '{ReportText.Clip(Headers[other])}' and '{ReportText.Clip(Headers[i])}' both hold the metric '{metric.Key}'.";
                return;
            }
            valueColumns[metric] = i;
            used[i] = true;
        }
        foreach (var (metric, valueIndex) in valueColumns)
        {
            var name = Headers[valueIndex];
            var lower = FindUnused($"{name}_lb", used);
            var upper = FindUnused($"{name}_ub", used);
            // A flag named after this very column wins over a flag shared by a group of metrics.
            var quality = FindUnusedQuality(name, metric, catalog, used);
            Metrics.Add(new MetricColumns(metric, valueIndex, lower, upper, quality, name));
        }
        // Group quality flags serve several metrics: mark them used only after every metric has looked.
        foreach (var m in Metrics.Where(m => m.Quality >= 0))
        {
            used[m.Quality] = true;
        }
        var present = Metrics.Select(m => m.Metric).ToHashSet();
        for (var i = 0; i < Headers.Length; i++)
        {
            if (used[i])
            {
                continue;
            }
            // A group flag beside more specific flags (the "recent" file has pctl_income_quality and pctl_20_quality…).
            if (catalog.MetricsForQualityColumn(Headers[i]).Any(present.Contains))
            {
                SupersededQualityColumns.Add(Headers[i]);
                continue;
            }
            UnknownColumns.Add(Headers[i]);
        }
        Metrics.Sort((a, b) => a.Value.CompareTo(b.Value));
        if (Metrics.Count == 0 && Population < 0)
        {
            FatalError = UnknownColumns.Count == 0
                ? "The file has no metric columns."
                : $"No column matches a metric in the catalog (columns: {string.Join(", ", UnknownColumns.Take(50).Select(ReportText.Clip))}{(UnknownColumns.Count > 50 ? ", …" : "")}).";
        }
    }

    private int FindUnused(string name, bool[] used)
    {
        var index = Array.FindIndex(Headers, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0 && !used[index])
        {
            used[index] = true;
            return index;
        }
        return -1;
    }

    private int FindUnusedQuality(string valueName, CatalogIndex.MetricInfo metric, CatalogIndex catalog, bool[] used)
    {
        var own = FindUnused($"{valueName}_quality", used);
        if (own >= 0)
        {
            return own;
        }
        var best = -1;
        var bestShared = int.MaxValue;
        for (var i = 0; i < Headers.Length; i++)
        {
            if (used[i])
            {
                continue;
            }
            var served = catalog.MetricsForQualityColumn(Headers[i]);
            if (served.Contains(metric) && served.Count < bestShared)
            {
                best = i;
                bestShared = served.Count;
            }
        }
        return best;
    }
}
