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
    public async Task The_importer_creates_unknown_cities_and_the_list_names_placeholders_but_keeps_imported_figures(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        // As for counties: a name in the file (place_name, state_name) names a new city; without one it is a placeholder.
        var named = await db.ImportCleanlyAsync(temp.Write("named.csv",
            "year,state,place,state_name,place_name,share_employed",
            "2023,06,99990,California,Testville city,0.61"));
        var created = Assert.Single(named.NewGeographies);
        Assert.Equal(("City", "0699990", "Testville city", false), (created.Kind, created.Fips, created.Name, created.PlaceholderName));
        var testville = await db.GeographyAsync("0699990", GeographyKind.City);
        Assert.Equal(("Testville city", "California", "CA", false), (testville.Name, testville.StateName, testville.StateAbbr, testville.NeedsReview));

        var unnamed = await db.ImportCleanlyAsync(temp.Write("unnamed.csv",
            "year,state,place,share_employed,population",
            "2023,04,07940,0.7,123456"));
        Assert.True(Assert.Single(unnamed.NewGeographies).PlaceholderName);
        Assert.True((await db.GeographyAsync("0407940", GeographyKind.City)).NeedsReview);

        var changes = await LoadCitiesAsync(db);

        Assert.Equal(new CityListChanges(485, 1, 4855), changes);
        var buckeye = await db.GeographyAsync("0407940", GeographyKind.City);
        Assert.Equal(("Buckeye city", "Arizona", "AZ", false), (buckeye.Name, buckeye.StateName, buckeye.StateAbbr, buckeye.NeedsReview));
        // The import's 2023 figure stays (its rollback would bring back the list's); the other years come from the list.
        Assert.Equal((123456L, unnamed.ImportId), buckeye.Populations.Where(p => p.Year == 2023).Select(p => (p.Population, p.ImportId)).Single());
        Assert.Equal((59470L, (int?)null), buckeye.Populations.Where(p => p.Year == 2014).Select(p => (p.Population, p.ImportId)).Single());
        Assert.Equal("Testville city", (await db.GeographyAsync("0699990", GeographyKind.City)).Name); // not in the list: kept
        // The value imported before the list was loaded stays on the same city.
        Assert.Equal(0.7, (await db.ValueAsync("0407940", "share_employed", 2023)).Value);
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
