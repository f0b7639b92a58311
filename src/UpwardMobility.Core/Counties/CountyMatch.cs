using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Counties;

/// <summary>
/// What a county typed by a reader (a FIPS code or a name, e.g. to add a peer) names: one county
/// (<see cref="Fips"/>), or several or none to choose from (<see cref="Candidates"/>).
/// </summary>
public sealed record CountyMatch(string? Fips, IReadOnlyList<CountySummary> Candidates)
{
    /// <summary>
    /// The rule: a FIPS code names its county; a name names the one county search finds, or else the one whose name,
    /// "name state" or "name state-abbreviation" equals it once folded ("Harris County, Texas" also finds Harris County,
    /// Georgia: the exact one wins). Anything else is left for the reader to choose.
    /// </summary>
    public static CountyMatch Choose(string text, IReadOnlyList<CountySummary> searchResults)
    {
        if (GeographyLookup.CountyFips(text) is { } code)
        {
            return new CountyMatch(code, []);
        }
        var folded = CountyText.Fold(text);
        var exact = searchResults.Where(m => CountyText.Fold(m.Name) == folded
            || CountyText.Fold($"{m.Name} {m.StateName}") == folded
            || CountyText.Fold($"{m.Name} {m.StateAbbr}") == folded).ToList();
        return searchResults.Count == 1 ? new CountyMatch(searchResults[0].Fips, [])
            : exact.Count == 1 ? new CountyMatch(exact[0].Fips, [])
            : new CountyMatch(null, searchResults);
    }
}
