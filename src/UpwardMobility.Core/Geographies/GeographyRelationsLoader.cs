using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Geographies;

/// <summary>
/// Loads the bundled relationships between geographies: the counties of each Urban city (<c>data/geo/county-places.csv</c>)
/// and the Connecticut tract crosswalk of old counties and planning regions (<c>data/geo/county-successions.csv</c>).
/// The tables hold exactly what the files say (rows are added, changed and removed to match), so a run with unchanged
/// files writes nothing. Runs after the county and city lists: every code must be a known geography.
/// </summary>
public sealed class GeographyRelationsLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public sealed record CountyPlaceRow(string CityFips, string CountyFips, double ShareOfCity, double ShareOfCounty, int Population2020);

    public sealed record SuccessionRow(string FormerFips, string SuccessorFips, int Tracts, double ShareOfSuccessor, double ShareOfFormer);

    private static double Number(string? text) => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Integer(string? text) => int.Parse(text!, CultureInfo.InvariantCulture);

    public static List<CountyPlaceRow> ReadCountyPlaces(string path) => CityListLoader.ReadRows(path, csv => new CountyPlaceRow(
        csv.GetField("city_fips")!,
        csv.GetField("county_fips")!,
        Number(csv.GetField("share_of_city")),
        Number(csv.GetField("share_of_county")),
        Integer(csv.GetField("population_2020"))));

    public static List<SuccessionRow> ReadSuccessions(string path) => CityListLoader.ReadRows(path, csv => new SuccessionRow(
        csv.GetField("former_fips")!,
        csv.GetField("successor_fips")!,
        Integer(csv.GetField("tracts")),
        Number(csv.GetField("share_of_successor")),
        Number(csv.GetField("share_of_former"))));

    /// <summary>Brings both tables in line with the files; returns how many rows were added, changed or removed.</summary>
    public async Task<int> LoadAsync(string countyPlacesPath, string successionsPath, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = (await db.Geographies.AsNoTracking().Select(g => new { g.Kind, g.Fips, g.Id }).ToListAsync(ct))
            .ToDictionary(g => (g.Kind, g.Fips), g => g.Id);
        int Id(GeographyKind kind, string fips, string path) => ids.TryGetValue((kind, fips), out var id)
            ? id
            : throw new InvalidDataException($"{path}: there is no {kind.ToString().ToLowerInvariant()} {fips} in the database (is it in the bundled list?).");

        var places = ReadCountyPlaces(countyPlacesPath).Select(r => new CountyPlace
        {
            CityId = Id(GeographyKind.City, r.CityFips, countyPlacesPath),
            CountyId = Id(GeographyKind.County, r.CountyFips, countyPlacesPath),
            ShareOfCity = r.ShareOfCity,
            ShareOfCounty = r.ShareOfCounty,
            Population2020 = r.Population2020,
        }).ToList();
        var successions = ReadSuccessions(successionsPath).Select(r => new CountySuccession
        {
            FormerId = Id(GeographyKind.County, r.FormerFips, successionsPath),
            SuccessorId = Id(GeographyKind.County, r.SuccessorFips, successionsPath),
            Tracts = r.Tracts,
            ShareOfSuccessor = r.ShareOfSuccessor,
            ShareOfFormer = r.ShareOfFormer,
        }).ToList();

        var changes = Sync(db.CountyPlaces, await db.CountyPlaces.ToListAsync(ct), places, p => (p.CityId, p.CountyId),
            (stored, wanted) =>
            {
                if (stored.ShareOfCity == wanted.ShareOfCity && stored.ShareOfCounty == wanted.ShareOfCounty && stored.Population2020 == wanted.Population2020)
                {
                    return false;
                }
                (stored.ShareOfCity, stored.ShareOfCounty, stored.Population2020) = (wanted.ShareOfCity, wanted.ShareOfCounty, wanted.Population2020);
                return true;
            });
        changes += Sync(db.CountySuccessions, await db.CountySuccessions.ToListAsync(ct), successions, s => (s.FormerId, s.SuccessorId),
            (stored, wanted) =>
            {
                if (stored.Tracts == wanted.Tracts && stored.ShareOfSuccessor == wanted.ShareOfSuccessor && stored.ShareOfFormer == wanted.ShareOfFormer)
                {
                    return false;
                }
                (stored.Tracts, stored.ShareOfSuccessor, stored.ShareOfFormer) = (wanted.Tracts, wanted.ShareOfSuccessor, wanted.ShareOfFormer);
                return true;
            });
        await db.SaveChangesAsync(ct);
        return changes;
    }

    private static int Sync<T>(DbSet<T> set, List<T> stored, List<T> wanted, Func<T, (int, int)> key, Func<T, T, bool> update)
        where T : class
    {
        var byKey = stored.ToDictionary(key);
        var changes = 0;
        foreach (var row in wanted)
        {
            if (byKey.Remove(key(row), out var existing))
            {
                changes += update(existing, row) ? 1 : 0;
            }
            else
            {
                set.Add(row);
                changes++;
            }
        }
        set.RemoveRange(byKey.Values);
        return changes + byKey.Count;
    }
}
