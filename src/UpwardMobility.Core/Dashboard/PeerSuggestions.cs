using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Dashboard;

/// <summary>A suggested peer of a place: its code and name, for "compare with similar counties" links.</summary>
public sealed record SuggestedPeer(string Fips, string Name);

/// <summary>
/// The places a reader might compare a place with: <see cref="PeerChooser"/>'s choice (same state, nearest in
/// population, filled from other states) among the visible places of its kind, by the latest population figures.
/// </summary>
public sealed class PeerSuggestions(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int Count = 3;

    public async Task<IReadOnlyList<SuggestedPeer>> ForAsync(string fips, CancellationToken ct = default)
    {
        if (PlaceKind.OfCode(fips) is not { } kind)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latestYear = await (
                from p in db.GeographyPopulations
                join g in db.Geographies on p.GeographyId equals g.Id
                where g.Kind == kind.Kind
                select (short?)p.Year)
            .MaxAsync(ct);
        var places = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == kind.Kind && !g.Hidden && !g.Historical)
            .Select(g => new
            {
                g.Fips,
                g.Name,
                g.StateFips,
                Population = g.Populations.Where(p => p.Year == latestYear).Select(p => (long?)p.Population).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var self = places.FirstOrDefault(p => p.Fips == fips);
        if (self is null)
        {
            return [];
        }
        var choice = PeerChooser.Choose(fips, self.StateFips, self.Population,
            places.Select(p => new PeerCandidate(p.Fips, p.StateFips, p.Population)), Count);
        var names = places.ToDictionary(p => p.Fips, p => p.Name, StringComparer.Ordinal);
        return choice.Fips.Select(f => new SuggestedPeer(f, names[f])).ToList();
    }
}
