using System.ComponentModel;

namespace UpwardMobility.Web.Api;

// The open data API's shapes. Field names are written in snake_case (the JSON options in ApiSetup) and match the
// CSV columns where both have the field; numbers are numbers, never formatted text. Changing a name breaks clients:
// add fields, do not rename them (docs/api.md, "Stability").

/// <summary>One page of a long list.</summary>
public sealed record ApiPage<T>(
    [property: Description("The items of this page.")] IReadOnlyList<T> Items,
    [property: Description("The page shown, from 1.")] int Page,
    [property: Description("Items per page (the page_size asked for, at most the route's maximum).")] int PageSize,
    [property: Description("Items in the whole list.")] int Total,
    [property: Description("Pages in the whole list (at least 1).")] int PageCount);

public sealed record CatalogResponse(IReadOnlyList<CatalogDimension> Dimensions, IReadOnlyList<CatalogPillar> Pillars);

public sealed record CatalogDimension(string Key, string Name, string Description);

public sealed record CatalogPillar(string Key, string Name, string Description, IReadOnlyList<CatalogPredictor> Predictors);

public sealed record CatalogPredictor(string Key, string Name, string Description, IReadOnlyList<CatalogMetric> Metrics);

public sealed record CatalogMetric(
    [property: Description("The metric's key, as in the CSVs' metric column and the URLs, e.g. share_employed.")] string Key,
    string Label,
    string Description,
    [property: Description("The unit as the CSVs name it, e.g. \"share (0 to 1)\".")] string Unit,
    [property: Description("up (higher is better), down (lower is better), parity (1.0 is parity) or context (no better or worse).")] string Direction,
    [property: Description("True when places may be called better or worse on it (up or down, and not a count).")] bool Judged,
    [property: Description("Urban replaced this measure; its values are still served.")] bool Retired,
    string Source,
    string Caveats,
    [property: Description("Values that state a fact in words (never ranked), e.g. 0 = no primary care physician.")] IReadOnlyList<ApiSpecialValue> SpecialValues);

public sealed record ApiSpecialValue(double Value, string Meaning);

/// <summary>A county or city as lists show it.</summary>
public sealed record PlaceSummary(
    [property: Description("5 digits for a county (state + county FIPS), 7 for a city (state + place FIPS).")] string Code,
    [property: Description("county or city.")] string Kind,
    string Name,
    string StateFips,
    string StateAbbr,
    string StateName,
    [property: Description("The latest population figure loaded, or null.")] long? Population,
    [property: Description("The county no longer exists (replaced_by names its successors on /places/{code}).")] bool Historical);

/// <summary>A place named in another place's record.</summary>
public sealed record PlaceRef(string Code, string Kind, string Name, string StateAbbr);

/// <summary>A county a city lies in, or a city in a county, with the 2020 census crosswalk shares.</summary>
public sealed record LinkedPlace(
    string Code,
    string Name,
    string StateAbbr,
    [property: Description("Share (0..1) of the city's people living in the county.")] double ShareOfCity,
    [property: Description("Share (0..1) of the county's people living in the city.")] double ShareOfCounty,
    [property: Description("The city's people living in the county at the 2020 census.")] int PeopleInCounty);

public sealed record PlaceDetail(
    string Code,
    string Kind,
    string Name,
    string StateFips,
    string StateAbbr,
    string StateName,
    long? Population,
    short? PopulationYear,
    bool Historical,
    [property: Description("The counties that replaced this historical county.")] IReadOnlyList<string> ReplacedBy,
    [property: Description("The historical counties this one replaced.")] IReadOnlyList<string> Replaces,
    [property: Description("For a city: the counties it lies in, most of its people first. Empty for a county.")] IReadOnlyList<LinkedPlace> Counties,
    [property: Description("For a county: Urban's cities inside it. Empty for a city.")] IReadOnlyList<LinkedPlace> Cities,
    [property: Description("How many catalog metrics have a whole-population value for the place.")] int MetricsWithData,
    [property: Description("Some of the place's values are synthetic demo data, not Urban Institute data.")] bool DemoData,
    [property: Description("The place's page on this site, relative to the site's root.")] string Page);

/// <summary>One stored value: a metric, year and subgroup of one place (a row of the place's data.csv).</summary>
public sealed record PlaceValue(
    string Metric,
    short Year,
    [property: Description("all for the whole population, else the group's type (race-ethnicity, income, …).")] string SubgroupType,
    string Subgroup,
    [property: Description("The value as a number; null when only value_text is published (a:b ratios).")] double? Value,
    [property: Description("Lower bound of the 95% interval, when published.")] double? LowerBound,
    double? UpperBound,
    [property: Description("Urban's quality flag: Strong, Marginal or Weak; null when not published.")] string? Quality,
    [property: Description("The text the file wrote for a:b ratios, e.g. 2235:1.")] string? ValueText,
    [property: Description("What a special value means in words (never ranked), e.g. no primary care physician.")] string? SpecialMeaning,
    [property: Description("The value is synthetic demo data.")] bool DemoData);

public sealed record ValuesResponse(
    PlaceRef Place,
    [property: Description("The imports the values come from, as the pages' data stamp names them.")] ApiDataStamp DataStamp,
    ApiPage<PlaceValue> Values);

public sealed record ApiDataStamp(
    [property: Description("The stamp as the pages write it.")] string Sentence,
    IReadOnlyList<ApiDataSource> Sources);

public sealed record ApiDataSource(
    string FileName,
    DateTime ImportedAtUtc,
    bool DemoData,
    [property: Description("The import wrote the populations the benchmarks are weighted by, not values shown.")] bool Weights);

public sealed record MetricRef(string Key, string Label, string Unit, string Direction, bool Judged);

public sealed record SubgroupRef(string Type, string Label);

/// <summary>Urban's benchmark for a scope, as the pages word it.</summary>
public sealed record ApiBenchmark(
    [property: Description("US, or the state's 2-digit FIPS code.")] string Scope,
    [property: Description("The benchmark's label on the pages.")] string Label,
    [property: Description("The population-weighted median of the places of the kind; null when left blank.")] double? Value,
    [property: Description("Why the value is blank, in the pages' words; null when there is a value.")] string? SuppressedReason,
    [property: Description("Share (0..1) of the scope's population in places with no value or a Weak value.")] double MissingOrWeakShare,
    [property: Description("How many places were weighted.")] int Places,
    [property: Description("The plain median of the places (the typical place), the map's midpoint when the benchmark is blank.")] double? Median);

/// <summary>Where a place stands among the nation's places of its kind, in the pages' words and in parts.</summary>
public sealed record ApiStanding(
    [property: Description("ranked, described (no better or worse) or not_ranked.")] string Kind,
    [property: Description("The sentence the map's panel shows.")] string Words,
    [property: Description("1 = best; tied places share the better rank; null when not ranked.")] int? Rank,
    [property: Description("How many places it is ranked among.")] int Count,
    [property: Description("How many other places have exactly the same value.")] int TiedWith,
    [property: Description("The best rank its 95% interval allows.")] int? PlausibleBest,
    [property: Description("The worst rank its 95% interval allows.")] int? PlausibleWorst,
    [property: Description("Share (0..1) of the other ranked places it is strictly better than.")] double? BetterThanShare,
    [property: Description("better (top two fifths), worse (bottom two fifths), middle or not_judged: the map's colour band.")] string Band,
    [property: Description("The methods page's section that explains the judgement.")] string Method);

/// <summary>One place in a metric's cross-section (a row of rankings.csv, with the map panel's standing).</summary>
public sealed record MetricPlace(
    string Code,
    string Name,
    string StateAbbr,
    long? Population,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    string? Quality,
    string? ValueText,
    string? SpecialMeaning,
    [property: Description("Percentile (0..1) among the nation's places of the kind, as map.csv's national_percentile.")] double? NationalPercentile,
    [property: Description("The rankings page's rank (1 = best, or highest for measures without better or worse); null when not ranked (Weak, special or text-only values).")] int? Rank,
    [property: Description("The rankings page's \"Better than\": share (0..1) of the other ranked places it is strictly better than.")] double? BetterThanShare,
    [property: Description("The standing as the map's panel words it; null without a numeric value.")] ApiStanding? Standing,
    bool DemoData);

public sealed record MetricPlacesResponse(
    MetricRef Metric,
    [property: Description("county or city: places are ranked and benchmarked among their own kind only.")] string Kind,
    short? Year,
    [property: Description("The years with values for this subgroup.")] IReadOnlyList<short> Years,
    SubgroupRef Subgroup,
    IReadOnlyList<SubgroupRef> Subgroups,
    [property: Description("The state filter applied (2-digit FIPS), or null for the nation.")] string? State,
    [property: Description("The national benchmark.")] ApiBenchmark? NationalBenchmark,
    [property: Description("The state's benchmark when a state is asked for.")] ApiBenchmark? StateBenchmark,
    ApiDataStamp DataStamp,
    [property: Description("Places in rank order (unranked last), as the rankings page lists them.")] ApiPage<MetricPlace> Places);

public sealed record CompareCell(
    string Code,
    bool IsReference,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    string? Quality,
    string? ValueText,
    bool BestOfShown,
    bool WorstOfShown,
    [property: Description("This value minus the reference's (the first place's).")] double? DifferenceFromReference,
    [property: Description("As compare.csv's difference_judged: real difference, within uncertainty, not judged; empty for the reference.")] string DifferenceJudged,
    [property: Description("The comparison page's sentence for the difference.")] string? Words,
    bool DemoData);

public sealed record CompareRow(string PillarKey, string Pillar, string PredictorKey, string Predictor, string Metric, string MetricLabel, string Unit, short? Year, IReadOnlyList<CompareCell> Cells);

public sealed record ComparedPlace(string Code, string Name, string StateAbbr, string StateName, long? Population);

public sealed record CompareResponse(
    string Kind,
    short? Year,
    [property: Description("The places compared, the reference first.")] IReadOnlyList<ComparedPlace> Places,
    [property: Description("Codes of the other kind, left out: a comparison holds one kind of place.")] IReadOnlyList<string> OtherKindLeftOut,
    IReadOnlyList<CompareRow> Rows);

public sealed record PlanReadingValue(short Year, double Value, double? LowerBound, double? UpperBound, string? Quality);

public sealed record PlanProgress(
    [property: Description("met, on_track, off_track, no_newer_data or no_data.")] string Status,
    [property: Description("The plan page's label, e.g. On track.")] string Label,
    [property: Description("The plan page's sentence.")] string Summary,
    [property: Description("The qualifications that travel with the label.")] IReadOnlyList<string> Caveats,
    PlanReadingValue? Latest,
    double? DistanceCovered,
    double? ExpectedShare,
    double? PathValue,
    bool? WithinUncertainty,
    bool WeakData);

public sealed record PlanPriority(string PillarKey, string Pillar, string PredictorKey, string Predictor, string Rationale, DateTime UpdatedAtUtc);

public sealed record PlanTarget(
    string Metric,
    string MetricLabel,
    string Unit,
    string PredictorKey,
    string Predictor,
    [property: Description("value (a level) or gap (between two groups).")] string Kind,
    string SubgroupType,
    string Subgroup,
    string? SecondSubgroup,
    [property: Description("Who the target is about, as the plan page says it.")] string Subject,
    PlanReadingValue Baseline,
    double TargetValue,
    short TargetYear,
    string? Owner,
    string? Strategy,
    bool DirectionConfirmed,
    PlanProgress Progress,
    DateTime UpdatedAtUtc);

public sealed record PlanResponse(
    PlaceRef Place,
    [property: Description("current: the plan as its public page shows it today. Once plans have releases this route serves the latest release.")] string Release,
    IReadOnlyList<PlanPriority> Priorities,
    IReadOnlyList<PlanTarget> Targets,
    bool DemoData);
