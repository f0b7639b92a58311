using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Cities;

/// <summary>An Urban city that lies (at least partly) in a county.</summary>
/// <param name="ShareOfCity">Share of the city's people living in the county (0..1; geocorr 2022, 2020 census).</param>
/// <param name="ShareOfCounty">Share of the county's people living in the city (0..1).</param>
/// <param name="PeopleInCounty">The city's people living in the county at the 2020 census.</param>
public sealed record CityInCounty(string Fips, string Name, string StateAbbr, double ShareOfCity, double ShareOfCounty, int PeopleInCounty);

/// <summary>A county a city lies in (at least partly); shares as in <see cref="CityInCounty"/>.</summary>
public sealed record CountyOfCity(string Fips, string Name, string StateAbbr, double ShareOfCity, double ShareOfCounty, int PeopleInCounty);

/// <summary>
/// County ↔ city links from <c>county_places</c>: the Urban cities inside a county and the counties of a city, each with
/// the population shares of the crosswalk. geocorr rounds shares to 4 decimals, so a few links hold a share of 0 (a
/// handful of people: San Antonio's 5 residents in Medina County); they are kept, and pages can leave them out.
/// </summary>
public sealed class CountyCityLinks(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The county's Urban cities, most of the county's people first; hidden cities left out. Empty for an unknown county.</summary>
    public async Task<IReadOnlyList<CityInCounty>> CitiesInCountyAsync(string countyFips, CancellationToken ct = default)
    {
        if (countyFips is not { Length: 5 } || !CountyText.IsDigits(countyFips))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from link in db.CountyPlaces.AsNoTracking()
                join county in db.Geographies on link.CountyId equals county.Id
                join city in db.Geographies on link.CityId equals city.Id
                where county.Kind == GeographyKind.County && county.Fips == countyFips && !city.Hidden
                select new CityInCounty(city.Fips, city.Name, city.StateAbbr, link.ShareOfCity, link.ShareOfCounty, link.Population2020))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.PeopleInCounty).ThenBy(r => r.Fips, StringComparer.Ordinal).ToList();
    }

    /// <summary>The city's counties, the one with most of its people first. Empty for an unknown city.</summary>
    public async Task<IReadOnlyList<CountyOfCity>> CountiesOfCityAsync(string cityFips, CancellationToken ct = default)
    {
        if (cityFips is not { Length: 7 } || !CountyText.IsDigits(cityFips))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CountiesOfAsync(db, db.Geographies.Where(g => g.Kind == GeographyKind.City && g.Fips == cityFips).Select(g => g.Id), ct);
    }

    internal static async Task<IReadOnlyList<CountyOfCity>> CountiesOfAsync(AppDbContext db, IQueryable<int> cityIds, CancellationToken ct)
    {
        var rows = await (
                from link in db.CountyPlaces.AsNoTracking()
                join county in db.Geographies on link.CountyId equals county.Id
                where cityIds.Contains(link.CityId)
                select new CountyOfCity(county.Fips, county.Name, county.StateAbbr, link.ShareOfCity, link.ShareOfCounty, link.Population2020))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.PeopleInCounty).ThenBy(r => r.Fips, StringComparer.Ordinal).ToList();
    }
}
