namespace UpwardMobility.Core.Dashboard;

/// <summary>A county that could be a peer: its state and latest population (null when unknown).</summary>
public sealed record PeerCandidate(string Fips, string StateFips, long? Population);

/// <summary>The default peers and how many of them had to come from other states.</summary>
public sealed record PeerChoice(IReadOnlyList<string> Fips, int FromOtherStates);

/// <summary>
/// Chooses a county's default peers: the counties of its state closest to it in population (on a log scale, so
/// 50,000 is as near 100,000 as 100,000 is to 200,000). A state with fewer counties than wanted is filled up with the
/// counties of other states closest in population, so small states (Delaware, DC) still get a comparison.
/// </summary>
public static class PeerChooser
{
    public const int DefaultCount = 5;

    public static PeerChoice Choose(string fips, string stateFips, long? population, IEnumerable<PeerCandidate> candidates, int count = DefaultCount)
    {
        var others = candidates.Where(c => c.Fips != fips).DistinctBy(c => c.Fips).ToList();
        var inState = Closest(others.Where(c => c.StateFips == stateFips), population).Take(count).ToList();
        var fill = inState.Count >= count || population is null
            ? []
            : Closest(others.Where(c => c.StateFips != stateFips && c.Population is not null), population).Take(count - inState.Count).ToList();
        return new PeerChoice(inState.Concat(fill).Select(c => c.Fips).ToList(), fill.Count);
    }

    /// <summary>Nearest population first; counties without a population last; FIPS breaks ties so the choice is stable.</summary>
    private static IEnumerable<PeerCandidate> Closest(IEnumerable<PeerCandidate> candidates, long? population) =>
        candidates
            .OrderBy(c => Distance(c.Population, population))
            .ThenBy(c => c.Fips, StringComparer.Ordinal);

    private static double Distance(long? a, long? b) =>
        a is > 0 && b is > 0 ? Math.Abs(Math.Log(a.Value) - Math.Log(b.Value)) : double.PositiveInfinity;
}
