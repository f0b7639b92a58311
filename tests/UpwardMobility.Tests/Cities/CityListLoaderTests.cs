using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Cities;

/// <summary>The city list and crosswalk loaders of start-up, on each provider: complete, idempotent, and respectful of imports.</summary>
public class CityListLoaderTests
{
    private static Task<CityListChanges> LoadCitiesAsync(ImportTestDatabase db) =>
        new CityListLoader(db.Factory).LoadAsync(ImportTestDatabase.GeoPath("cities.csv"), ImportTestDatabase.GeoPath("city-populations.csv"));

    private static Task<int> LoadRelationsAsync(ImportTestDatabase db) =>
        new GeographyRelationsLoader(db.Factory).LoadAsync(ImportTestDatabase.GeoPath("county-places.csv"), ImportTestDatabase.GeoPath("county-successions.csv"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Loading_again_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider, withCities: true);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(486, await context.Geographies.CountAsync(g => g.Kind == GeographyKind.City));
            var cityIds = context.Geographies.Where(g => g.Kind == GeographyKind.City).Select(g => g.Id);
            Assert.Equal(4856, await context.GeographyPopulations.CountAsync(p => cityIds.Contains(p.GeographyId) && p.ImportId == null));
            Assert.Equal(584, await context.CountyPlaces.CountAsync());
            Assert.Equal(19, await context.CountySuccessions.CountAsync());
        }
        var before = await db.SnapshotAsync();

        Assert.Equal(new CityListChanges(0, 0, 0), await LoadCitiesAsync(db));
        Assert.Equal(0, await LoadRelationsAsync(db));
        (await db.SnapshotAsync()).AssertSameAs(before, "a second start-up");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_relations_tables_are_brought_back_to_the_files(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider, withCities: true);
        await using (var context = db.CreateContext())
        {
            var salemInPolk = await (from p in context.CountyPlaces
                                     join c in context.Geographies on p.CityId equals c.Id
                                     join k in context.Geographies on p.CountyId equals k.Id
                                     where c.Fips == "4164900" && k.Fips == "41053"
                                     select p).SingleAsync();
            salemInPolk.ShareOfCity = 0.5;
            var ids = await context.Geographies.Where(g => g.Kind == GeographyKind.County && (g.Fips == "09001" || g.Fips == "09110"))
                .ToDictionaryAsync(g => g.Fips, g => g.Id);
            context.CountySuccessions.Add(new CountySuccession { FormerId = ids["09001"], SuccessorId = ids["09110"], Tracts = 1, ShareOfSuccessor = 0.1, ShareOfFormer = 0.1 });
            await context.SaveChangesAsync();
        }

        Assert.Equal(2, await LoadRelationsAsync(db));

        await using (var context = db.CreateContext())
        {
            var shares = await (from p in context.CountyPlaces
                                join c in context.Geographies on p.CityId equals c.Id
                                where c.Fips == "4164900"
                                select p.ShareOfCity).ToListAsync();
            Assert.Equal([0.1675, 0.8325], shares.Order());
            Assert.Equal(19, await context.CountySuccessions.CountAsync());
        }
    }
}
