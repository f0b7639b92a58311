using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>One county's whole-population value of a metric in one year (a dot of the distribution, a peer's row).</summary>
public sealed record CountyValue(
    string Fips,
    string Name,
    string StateFips,
    string StateName,
    string StateAbbr,
    double Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    double? Percentile)
{
    public Estimate Estimate => new(Value, LowerBound, UpperBound, Quality);
}

/// <summary>A bar of the histogram: counties with From ≤ value &lt; To (the last bin includes its upper edge).</summary>
public sealed record HistogramBin(double From, double To, int OtherCounties, int StateCounties, bool HasCounty)
{
    public int Counties => OtherCounties + StateCounties;
}

/// <summary>Where a county stands among all counties with a value of the metric in one year.</summary>
/// <param name="BelowCount">Counties (the county not counted) with a lower value.</param>
/// <param name="National">The county's standing among every US county (ties, interval, Weak and special values handled).</param>
/// <param name="State">The same among the state's counties.</param>
public sealed record MetricDistribution(
    short Year,
    IReadOnlyList<CountyValue> Values,
    IReadOnlyList<HistogramBin> Bins,
    CountyValue? County,
    int StateCount,
    double? StateMin,
    double? StateMax,
    double? StateMedian,
    double Median,
    int BelowCount,
    Standing? National,
    Standing? State)
{
    /// <summary>1 = best by the metric's direction, ties share a rank; null when not ranked.</summary>
    public int? RankFromBest => National?.Rank;

    public int? StateRankFromBest => State?.Rank;

    /// <summary>Every US county's value of the year, for ranking any of them (a peer) the same way.</summary>
    public RankPool NationalPool { get; init; } = RankPool.Of([]);

    /// <summary>Counties or cities: the kind of place every value is.</summary>
    public PlaceKind Kind { get; init; } = PlaceKind.County;

    /// <summary>Where any place of <see cref="Values"/> stands among US places of its kind.</summary>
    public Standing StandingOf(MetricOutline metric, CountyValue value) => Standing.Of(metric, value.Estimate, NationalPool, Kind.UsPlural, Kind);

    public int Count => Values.Count;

    public double Min => Values.Count == 0 ? double.NaN : Values.Min(v => v.Value);

    public double Max => Values.Count == 0 ? double.NaN : Values.Max(v => v.Value);

    /// <summary>
    /// Builds the distribution from every county's value: the histogram (about <paramref name="binCount"/> bars of a
    /// round width), the state's counties counted apart, the county's rank nationally and in its state.
    /// </summary>
    public static MetricDistribution? Build(
        short year, IReadOnlyList<CountyValue> values, string fips, string stateFips, MetricOutline metric, int binCount = 30, PlaceKind? kind = null)
    {
        kind ??= PlaceKind.County;
        var usable = values.Where(v => double.IsFinite(v.Value)).OrderBy(v => v.Value).ThenBy(v => v.Fips, StringComparer.Ordinal).ToList();
        if (usable.Count == 0)
        {
            return null;
        }
        var county = usable.FirstOrDefault(v => v.Fips == fips);
        var state = usable.Where(v => v.StateFips == stateFips).ToList();
        var bins = Histogram(usable, stateFips, county, binCount);
        // Ranked among the values that are not Weak, as on every page (Standings, the rankings).
        var nationalPool = new RankPool(usable.Where(v => Quality.MayJudge(v.Quality)).Select(v => v.Value).ToArray(), metric.Specials);
        var statePool = new RankPool(state.Where(v => Quality.MayJudge(v.Quality)).Select(v => v.Value).ToArray(), metric.Specials);
        return new MetricDistribution(
            year,
            usable,
            bins,
            county,
            state.Count,
            state.Count > 0 ? state[0].Value : null,
            state.Count > 0 ? state[^1].Value : null,
            state.Count > 0 ? MedianOf(state.Select(s => s.Value).ToList()) : null,
            MedianOf(usable.Select(v => v.Value).ToList()),
            county is null ? 0 : usable.Count(v => v.Value < county.Value),
            county is null ? null : Standing.Of(metric, county.Estimate, nationalPool, kind.UsPlural, kind),
            county is null ? null : Standing.Of(metric, county.Estimate, statePool, $"{county.StateName}'s {kind.Plural}", kind))
        {
            NationalPool = nationalPool,
            Kind = kind,
        };
    }

    /// <summary>A bin width of 1, 2, 2.5 or 5 times a power of ten giving about <paramref name="binCount"/> bins.</summary>
    public static double NiceWidth(double range, int binCount)
    {
        if (!(range > 0) || binCount < 1)
        {
            return 1;
        }
        var raw = range / binCount;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (raw <= step * magnitude * (1 + 1e-9))
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static List<HistogramBin> Histogram(List<CountyValue> sorted, string stateFips, CountyValue? county, int binCount)
    {
        var min = sorted[0].Value;
        var max = sorted[^1].Value;
        var width = NiceWidth(max - min, binCount);
        var from = Math.Floor(min / width) * width;
        var count = Math.Max(1, (int)Math.Ceiling(((max - from) / width) - 1e-9));
        var other = new int[count];
        var inState = new int[count];
        int IndexOf(double value) => Math.Clamp((int)Math.Floor(((value - from) / width) + 1e-9), 0, count - 1);
        foreach (var v in sorted)
        {
            if (v.StateFips == stateFips)
            {
                inState[IndexOf(v.Value)]++;
            }
            else
            {
                other[IndexOf(v.Value)]++;
            }
        }
        var countyBin = county is null ? -1 : IndexOf(county.Value);
        return Enumerable.Range(0, count)
            .Select(i => new HistogramBin(Round(from + (i * width)), Round(from + ((i + 1) * width)), other[i], inState[i], i == countyBin))
            .ToList();
    }

    // Bin edges such as 0.30000000000000004 print badly: keep 12 significant digits.
    private static double Round(double edge) => edge == 0 ? 0 : Math.Round(edge, Math.Clamp(12 - (int)Math.Ceiling(Math.Log10(Math.Abs(edge))), 0, 15));

    private static double MedianOf(List<double> sorted)
    {
        sorted.Sort();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
