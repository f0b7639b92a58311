using UpwardMobility.Core.Counties;

namespace UpwardMobility.Core.Geographies;

/// <summary>
/// Counties or cities: the words, address and code length of one kind of place. A place is only ever compared,
/// ranked and benchmarked among places of its own kind (docs/methods.md, "Counties and cities").
/// </summary>
public sealed record PlaceKind(GeographyKind Kind, string Singular, string Plural, string RoutePrefix, int CodeLength)
{
    public static readonly PlaceKind County = new(GeographyKind.County, "county", "counties", "counties", 5);

    /// <summary>Urban's cities: incorporated places of more than 75,000 people in 2020, coded state + place (7 digits).</summary>
    public static readonly PlaceKind City = new(GeographyKind.City, "city", "cities", "cities", 7);

    public static PlaceKind Of(GeographyKind kind) => kind == GeographyKind.City ? City : County;

    /// <summary>The kind a FIPS code names by its length (5 digits: county, 7: city), or null for anything else.</summary>
    public static PlaceKind? OfCode(string? code) =>
        code is null || !CountyText.IsDigits(code) ? null : code.Length switch { 5 => County, 7 => City, _ => null };

    /// <summary>
    /// The canonical code in <paramref name="text"/> for this kind, or null: a county's 4-digit code is padded (6037 →
    /// 06037); a city's must be its 7 digits.
    /// </summary>
    public string? Canonical(string? text) => Kind == GeographyKind.County
        ? CountyText.NormalizeCountyFips(text)
        : text?.Trim() is { Length: 7 } code && CountyText.IsDigits(code) ? code : null;

    /// <summary>"US counties", "US cities": the pool a national rank or percentile is taken in.</summary>
    public string UsPlural => "US " + Plural;

    /// <summary>The page of a place of this kind, relative to the base: <c>counties/06037</c>, <c>cities/0644000</c>.</summary>
    public string PathOf(string fips) => $"{RoutePrefix}/{fips}";

    /// <summary>The page of the place a code names (a 7-digit code: a city; anything else: a county).</summary>
    public static string PathOfCode(string code) => (OfCode(code) ?? County).PathOf(code);

    /// <summary>The national benchmark's label on every page.</summary>
    public string NationalBenchmarkLabel => $"US (population-weighted median of {Plural})";

    /// <summary>A state's benchmark label, e.g. "California (population-weighted median of its cities)".</summary>
    public string StateBenchmarkLabel(string stateName) => $"{stateName} (population-weighted median of its {Plural})";
}
