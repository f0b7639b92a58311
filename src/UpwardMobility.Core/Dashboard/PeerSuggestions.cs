using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Dashboard;

/// <summary>A suggested peer of a place: its code and name, for "compare with similar counties" links.</summary>
public sealed record SuggestedPeer(string Fips, string Name);

/// <summary>The suggested peers of a place and how they were found, for the sentence that says so.</summary>
/// <param name="FromOtherStates">How many of the peers come from other states (the state has too few places).</param>
/// <param name="ByPopulation">False when the place has no population figure: the peers are its state's, not the nearest in size.</param>
public sealed record PeerSuggestion(IReadOnlyList<SuggestedPeer> Peers, int FromOtherStates, bool ByPopulation)
{
    public static PeerSuggestion None { get; } = new([], 0, true);

    /// <summary>How the peers were chosen, in words that hold for this choice ("nearest in population in Ohio").</summary>
    public string Note(string stateName, PlaceKind kind)
    {
        if (!ByPopulation)
        {
            return $"other {kind.Plural} in {stateName} (no population figure to match {kind.Singular} size)";
        }
        if (FromOtherStates == 0)
        {
            return $"nearest in population in {stateName}";
        }
        if (FromOtherStates == Peers.Count)
        {
            return $"nearest in population in other states ({stateName} has no other {kind.Singular} here)";
        }
        var inState = Peers.Count - FromOtherStates;
        return $"nearest in population: {inState} in {stateName} and {FromOtherStates} from other states";
    }
}

/// <summary>
/// The places a reader might compare a place with: <see cref="PeerChooser"/>'s choice (same state, nearest in
/// population, filled from other states) among the current visible places of its kind. Read from the place
/// directory's in-memory copy (one small version query per page, not a scan of every place).
/// </summary>
public sealed class PeerSuggestions(CountyDirectoryService directory)
{
    public const int Count = 3;

    public async Task<PeerSuggestion> ForAsync(string fips, CancellationToken ct = default)
    {
        if (PlaceKind.OfCode(fips) is not { } kind)
        {
            return PeerSuggestion.None;
        }
        var snapshot = await directory.GetSnapshotAsync(ct);
        var places = (kind == PlaceKind.City ? snapshot.Cities : snapshot.Index).All.Where(p => !p.Historical).ToList();
        var self = places.FirstOrDefault(p => p.Fips == fips);
        if (self is null)
        {
            return PeerSuggestion.None;
        }
        var choice = PeerChooser.Choose(fips, self.StateFips, self.Population,
            places.Select(p => new PeerCandidate(p.Fips, p.StateFips, p.Population)), Count);
        // A peer from another state is named with its state: "Jefferson County" alone is one of 25.
        var names = places.ToDictionary(p => p.Fips, p => p.StateFips == self.StateFips || p.StateAbbr.Length == 0 ? p.Name : $"{p.Name}, {p.StateAbbr}", StringComparer.Ordinal);
        return new PeerSuggestion(choice.Fips.Select(f => new SuggestedPeer(f, names[f])).ToList(), choice.FromOtherStates, self.Population is > 0);
    }
}
