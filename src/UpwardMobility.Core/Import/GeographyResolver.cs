using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Import;

/// <summary>
/// FIPS code to geography id during an import. Codes not yet known (Connecticut's planning regions, Alaska's
/// 2019 split, new cities) get a temporary negative id; the importer creates them once the file has been read.
/// </summary>
public sealed class GeographyResolver
{
    public sealed record Pending(int TemporaryId, GeographyKind Kind, string Fips, string StateFips, string Name, string StateName, bool Placeholder);

    private readonly Dictionary<(GeographyKind, string), int> known;
    private readonly Dictionary<(GeographyKind, string), Pending> pending = [];

    private GeographyResolver(Dictionary<(GeographyKind, string), int> known) => this.known = known;

    public IReadOnlyCollection<Pending> NewGeographies => pending.Values;

    public static async Task<GeographyResolver> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Geographies.AsNoTracking().Select(g => new { g.Kind, g.Fips, g.Id }).ToListAsync(ct);
        return new GeographyResolver(rows.ToDictionary(r => (r.Kind, r.Fips), r => r.Id));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Resolve(GeographyKind kind, string stateFips, string fips, string? name, string? stateName)
    {
        if (known.TryGetValue((kind, fips), out var id))
        {
            return id;
        }
        if (pending.TryGetValue((kind, fips), out var waiting))
        {
            // A later row may carry the name an earlier one lacked.
            if (waiting.Placeholder && !string.IsNullOrWhiteSpace(name))
            {
                pending[(kind, fips)] = waiting with { Name = name.Trim(), Placeholder = false };
            }
            return waiting.TemporaryId;
        }
        var state = UsStates.Find(stateFips);
        var hasName = !string.IsNullOrWhiteSpace(name);
        var entry = new Pending(
            -(pending.Count + 1),
            kind,
            fips,
            stateFips,
            hasName ? name!.Trim() : $"{(kind == GeographyKind.City ? "City" : "County")} {fips} (name needed)",
            !string.IsNullOrWhiteSpace(stateName) ? stateName.Trim() : state?.Name ?? "",
            !hasName);
        pending[(kind, fips)] = entry;
        return entry.TemporaryId;
    }
}
