using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Import;

/// <summary>
/// FIPS code to geography id during an import, from the places already stored: the Census county and city lists
/// loaded at start-up (data/geo), and whatever an admin added. An import never creates a place: a code not in the
/// lists is a rejected row, so a file cannot publish a county (or its name) of its own making.
/// </summary>
public sealed class GeographyResolver
{
    private readonly Dictionary<(GeographyKind, string), int> known;

    private GeographyResolver(Dictionary<(GeographyKind, string), int> known) => this.known = known;

    public static async Task<GeographyResolver> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Geographies.AsNoTracking().Select(g => new { g.Kind, g.Fips, g.Id }).ToListAsync(ct);
        return new GeographyResolver(rows.ToDictionary(r => (r.Kind, r.Fips), r => r.Id));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryResolve(GeographyKind kind, string fips, out int id) => known.TryGetValue((kind, fips), out id);
}
