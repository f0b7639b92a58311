using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Csv;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Sources;

namespace UpwardMobility.Web.Api;

/// <summary>Core's read models into the API's shapes: the words come from Core as the pages show them, never rewritten here.</summary>
public static class ApiMapping
{
    /// <summary>As the CSVs write it: Strong, Marginal, Weak; null when not published.</summary>
    public static string? Quality(DataQuality quality) => CsvTable.QualityWord(quality) is { Length: > 0 } word ? word : null;

    public static string Direction(MetricDirection direction) => direction switch
    {
        MetricDirection.Up => "up",
        MetricDirection.Down => "down",
        MetricDirection.Parity => "parity",
        _ => "context",
    };

    public static string Unit(MetricUnit unit) => CsvTable.UnitName(unit);

    public static MetricRef Metric(MetricOutline m) => new(m.Key, m.Label, Unit(m.Unit), Direction(m.Direction), MetricRules.ComparesAcrossCounties(m));

    public static CatalogMetric CatalogMetric(MetricOutline m) => new(
        m.Key, m.Label, m.Description, Unit(m.Unit), Direction(m.Direction), MetricRules.ComparesAcrossCounties(m), m.Retired, m.Source, m.Caveats,
        m.Specials.Select(s => new ApiSpecialValue(s.Value, s.Meaning)).ToList());

    public static string? SpecialMeaning(MetricOutline? metric, double? value) =>
        metric is null ? null : MetricRules.Special(metric, value)?.Meaning;

    public static PlaceSummary Summary(CountySummary c) =>
        new(c.Fips, c.Kind.Singular, c.Name, c.StateFips, c.StateAbbr, c.StateName, c.Population, c.Historical);

    public static PlaceRef Ref(CountyProfile p) => new(p.Fips, p.Kind.Singular, p.Name, p.StateAbbr);

    public static ApiDataStamp Stamp(DataStamp stamp) => new(
        stamp.Sentence,
        stamp.Sources.Select(s => new ApiDataSource(s.FileName, DateTime.SpecifyKind(s.ImportedAtUtc, DateTimeKind.Utc), s.IsDemo, s.IsWeights)).ToList());

    public static ApiStanding Standing(Standing s) => new(
        s.Kind switch { StandingKind.Ranked => "ranked", StandingKind.Described => "described", _ => "not_ranked" },
        s.Words.Text, s.Rank, s.Count, s.TiedWith, s.PlausibleBest, s.PlausibleWorst, s.BetterThanShare,
        s.Band switch { StandingBand.Better => "better", StandingBand.Worse => "worse", StandingBand.Middle => "middle", _ => "not_judged" },
        s.Words.Link);

    public static ApiBenchmark? Benchmark(CountyBenchmark? benchmark, string label, double? median) =>
        benchmark is null && median is null
            ? null
            : new ApiBenchmark(
                benchmark?.Scope ?? MetricStatistic.NationalScope, label, benchmark?.Value, benchmark?.SuppressedReason,
                benchmark?.MissingOrWeakShare ?? 1, benchmark?.Counties ?? 0, median);
}
