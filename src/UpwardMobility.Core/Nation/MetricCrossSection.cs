using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

/// <summary>A subgroup a metric is published for, e.g. (<c>race-ethnicity</c>, <c>Black, Non-Hispanic</c>).</summary>
public sealed record SubgroupChoice(string Type, string Label)
{
    public static SubgroupChoice All { get; } = new(Subgroups.AllType, Subgroups.All);

    public bool IsAll => Type == Subgroups.AllType;
}

/// <summary>One county's value in a cross-section (one metric, year and subgroup across every county).</summary>
public sealed record CrossSectionRow(
    string Fips,
    string Name,
    string StateFips,
    string StateAbbr,
    string StateName,
    long? Population,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText,
    double? Percentile,
    bool IsDemo)
{
    /// <summary>The display name with the state, e.g. "Autauga County, AL".</summary>
    public string FullName => StateAbbr.Length > 0 ? $"{Name}, {StateAbbr}" : Name;
}

/// <summary>Every county's value of one metric for one year and subgroup: what the map and the rankings show.</summary>
public sealed record MetricCrossSection(
    MetricOutline Metric,
    string PillarName,
    string PredictorName,
    short? Year,
    IReadOnlyList<short> Years,
    SubgroupChoice Subgroup,
    IReadOnlyList<SubgroupChoice> Subgroups,
    IReadOnlyList<CrossSectionRow> Rows)
{
    public bool HasDemoValues => Rows.Any(r => r.IsDemo);

    /// <summary>Counties or cities: every row is one kind, ranked among its own kind only.</summary>
    public Geographies.PlaceKind Kind { get; init; } = Geographies.PlaceKind.County;

    /// <summary>
    /// Urban's benchmark (population-weighted median of counties) by scope: <see cref="MetricStatistic.NationalScope"/>
    /// and, for the whole population, each state with values.
    /// </summary>
    public IReadOnlyDictionary<string, CountyBenchmark> Benchmarks { get; init; } = new Dictionary<string, CountyBenchmark>();

    /// <summary>The plain median of counties (the typical county) by scope, as <see cref="Benchmarks"/>.</summary>
    public IReadOnlyDictionary<string, double> TypicalCounty { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The map's colour scale for the counties shown: centred on the state's benchmark when zoomed to a state that has
    /// one (whole population), else on the nation's.
    /// </summary>
    public MapColourScale ColourScale(IReadOnlyList<double> shownValues, string? stateFips, string? stateName)
    {
        var scope = stateFips is not null && Benchmarks.ContainsKey(stateFips) ? stateFips : MetricStatistic.NationalScope;
        var name = scope == MetricStatistic.NationalScope ? MetricStatistic.NationalScope : stateName ?? scope;
        return MapColourScale.For(
            Metric.Direction, shownValues, Benchmarks.GetValueOrDefault(scope), TypicalCounty.TryGetValue(scope, out var t) ? t : null, name, Kind);
    }

    /// <summary>
    /// The values a place's standing is read among: every value of the section (the nation's places of its kind), as
    /// the map's panel and the open data API word it.
    /// </summary>
    public Judgement.RankPool StandingPool() =>
        Judgement.RankPool.Of(Rows.Where(r => r.Value is { } v && double.IsFinite(v) && Judgement.Quality.MayJudge(r.Quality)).Select(r => r.Value!.Value), Metric.Specials);

    /// <summary>The standing of one row among <paramref name="pool"/> (<see cref="StandingPool"/>); null without a value.</summary>
    public Judgement.Standing? StandingOf(CrossSectionRow row, Judgement.RankPool pool) =>
        Judgement.Estimate.From(row.Value, row.LowerBound, row.UpperBound, row.Quality) is { } estimate
            ? Judgement.Standing.Of(Metric, estimate, pool, Kind.UsPlural, Kind)
            : null;

    /// <summary>Better always means the same thing to the reader: false for context and parity metrics and for counts.</summary>
    public bool Judged => Judgement.MetricRules.ComparesAcrossCounties(Metric);
}
