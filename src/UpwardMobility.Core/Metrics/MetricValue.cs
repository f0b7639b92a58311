namespace UpwardMobility.Core.Metrics;

/// <summary>Urban's quality flag: 1 Strong, 2 Marginal, 3 Weak ("a community should not act on this").</summary>
public enum DataQuality : byte
{
    Unknown = 0,
    Strong = 1,
    Marginal = 2,
    Weak = 3,
}

/// <summary>
/// One published number, keyed by geography, metric, year, subgroup type and subgroup.
/// The whole population is stored as subgroup type <see cref="Subgroups.AllType"/> and subgroup <see cref="Subgroups.All"/>.
/// </summary>
public class MetricValue
{
    public int GeographyId { get; set; }
    public int MetricId { get; set; }
    public short Year { get; set; }
    public required string SubgroupType { get; set; }
    public required string Subgroup { get; set; }
    public double? Value { get; set; }
    public double? LowerBound { get; set; }
    public double? UpperBound { get; set; }
    public DataQuality Quality { get; set; }

    /// <summary>The original text where the file wrote a ratio as <c>a:b</c> (e.g. <c>2235:1</c>), for display.</summary>
    public string? ValueText { get; set; }

    /// <summary>The import that wrote this value.</summary>
    public int ImportId { get; set; }
}

public static class Subgroups
{
    public const string AllType = "all";
    public const string All = "All";

    public static bool IsAll(string? subgroup) =>
        subgroup is null || subgroup.Length == 0 || string.Equals(subgroup.Trim(), All, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Subgroup types as Urban spells them, with the misspellings seen in its files mapped to one name.</summary>
public static class SubgroupTypes
{
    public const string RaceEthnicity = "race-ethnicity";

    /// <summary>Groups of neighbourhoods by racial composition (Urban's own name for the breakdown), not groups of people.</summary>
    public const string RaceShare = "race-share";

    /// <summary>
    /// Labels of neighbourhood-composition groups. Urban writes some of them with type <c>race-ethnicity</c>; they are
    /// recognised by label whatever type the file writes (docs/methods.md, "Groups of neighbourhoods").
    /// </summary>
    public static IReadOnlyList<string> NeighbourhoodGroupLabels { get; } =
    [
        "Neighborhoods of color",
        "White neighborhoods",
        "Mixed neighborhoods",
        "Majority White, Non-Hispanic",
        // The debt-in-collections file's label for majority-white communities, typed race-ethnicity beside "Majority Non-White".
        "Majority White",
        "Majority Non-White",
        "No Majority Race/Ethnicity",
    ];

    private static readonly HashSet<string> NeighbourhoodGroups = new(NeighbourhoodGroupLabels, StringComparer.OrdinalIgnoreCase);

    public static bool IsNeighbourhoodGroup(string? subgroup) => subgroup is not null && NeighbourhoodGroups.Contains(subgroup.Trim());

    /// <summary>The type of a subgroup as stored: neighbourhood-composition groups are <see cref="RaceShare"/> by label.</summary>
    public static string Normalize(string type, string subgroup) => IsNeighbourhoodGroup(subgroup) ? RaceShare : Normalize(type);

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["race-ethnicity"] = RaceEthnicity,
        ["race-ethncity"] = RaceEthnicity,
        ["race_ethnicity"] = RaceEthnicity,
        ["race/ethnicity"] = RaceEthnicity,
        ["race ethnicity"] = RaceEthnicity,
        ["gender"] = "gender",
        ["income"] = "income",
        ["industry"] = "industry",
        ["tenure"] = "tenure",
        ["age"] = "age",
        ["disability"] = "disability",
        ["mothers-education"] = "mothers-education",
        ["race-share"] = "race-share",
    };

    public static string Normalize(string type) => Known.GetValueOrDefault(type.Trim(), type.Trim());

    /// <summary>A subgroup type as readers see it: "Race and ethnicity", "Mother's education".</summary>
    public static string Label(string type) => Normalize(type) switch
    {
        RaceEthnicity => "Race and ethnicity",
        "mothers-education" => "Mother's education",
        RaceShare => "Racial composition of the neighbourhood",
        "all" => "All people",
        var other => other.Length == 0 ? other : char.ToUpperInvariant(other[0]) + other[1..].Replace('-', ' '),
    };

    /// <summary>
    /// The heading over a type's groups: "Groups of people by gender", "Groups of neighbourhoods by racial composition".
    /// </summary>
    public static string Heading(string type) => Normalize(type) switch
    {
        RaceShare => "Groups of neighbourhoods by racial composition",
        var other => "Groups of people by " + Label(other).ToLowerInvariant(),
    };
}
