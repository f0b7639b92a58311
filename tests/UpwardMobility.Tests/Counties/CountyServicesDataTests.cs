using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Infrastructure;

using static UpwardMobility.Tests.Counties.ProfileRows;

namespace UpwardMobility.Tests.Counties;

/// <summary>
/// Data access without the app: the county services over a bare migrated database (no county list, so the
/// hand-built counties are the only ones) on small hand-built data, on SQLite and PostgreSQL: latest-year choice, whole-population
/// values only, demo flags, missing data, retired metrics, historical and hidden counties.
/// </summary>
public class CountyServicesDataTests
{
    private static string CatalogPath => Path.Combine(TestEnvironment.RepoRoot, "data", "catalog", "framework.json");

    private sealed record Seeded(TestDatabase Database, int RealImport, int DemoImport);

    private static async Task<Seeded> SeedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            return await SeedAsync(database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static async Task<Seeded> SeedAsync(TestDatabase database)
    {
        await new CatalogSync(database.Factory).SyncAsync(CatalogFile.Load(CatalogPath));
        await using var db = database.CreateContext();

        Geography County(string fips, string name, string stateFips, string state, string abbr) => new()
        {
            Kind = GeographyKind.County,
            Fips = fips,
            Name = name,
            StateFips = stateFips,
            StateName = state,
            StateAbbr = abbr,
        };
        var donaAna = County("35013", "Doña Ana County", "35", "New Mexico", "NM");
        var bernalillo = County("35001", "Bernalillo County", "35", "New Mexico", "NM");
        var fairfield = County("09001", "Fairfield County", "09", "Connecticut", "CT");
        fairfield.Historical = true;
        fairfield.ReplacedBy = "09120 09190 09999";
        var bridgeport = County("09120", "Greater Bridgeport Planning Region", "09", "Connecticut", "CT");
        var western = County("09190", "Western Connecticut Planning Region", "09", "Connecticut", "CT");
        var hidden = County("35999", "Test Hidden County", "35", "New Mexico", "NM");
        hidden.Hidden = true;
        var city = new Geography { Kind = GeographyKind.City, Fips = "3502000", Name = "Albuquerque city", StateFips = "35", StateName = "New Mexico", StateAbbr = "NM" };
        db.Geographies.AddRange(donaAna, bernalillo, fairfield, bridgeport, western, hidden, city);

        var real = new DataImport { FileName = "real.csv", StartedAtUtc = DateTime.UtcNow };
        var demo = new DataImport { FileName = DemoDataSeeder.DemoFileName, IsDemo = true, StartedAtUtc = DateTime.UtcNow };
        db.Imports.AddRange(real, demo);
        await db.SaveChangesAsync();

        var metrics = await db.Metrics.ToDictionaryAsync(m => m.Key, m => m.Id);
        void Value(Geography g, string metric, short year, double? value, DataImport import, DataQuality quality = DataQuality.Strong,
            double? lower = null, double? upper = null, string? text = null, string type = Subgroups.AllType, string subgroup = Subgroups.All) =>
            db.MetricValues.Add(new MetricValue
            {
                GeographyId = g.Id,
                MetricId = metrics[metric],
                Year = year,
                SubgroupType = type,
                Subgroup = subgroup,
                Value = value,
                LowerBound = lower,
                UpperBound = upper,
                Quality = quality,
                ValueText = text,
                ImportId = import.Id,
            });

        Value(donaAna, "share_employed", 2021, 0.70, real);
        Value(donaAna, "share_employed", 2023, 0.74, real, DataQuality.Marginal, 0.71, 0.77);
        Value(donaAna, "share_employed", 2024, null, real, DataQuality.Unknown); // could not be computed: not the latest value
        Value(donaAna, "share_employed", 2024, 0.50, real, type: SubgroupTypes.RaceEthnicity, subgroup: "Hispanic");
        Value(donaAna, "pctl_income_50", 2022, 48200, demo, DataQuality.Weak, 40000, 56000);
        Value(donaAna, "ratio_population_pc_physician", 2022, 2235, real, text: "2235:1");
        Value(donaAna, "index_transit_trips", 2019, 41, real); // a retired measure with data
        Value(bernalillo, "share_employed", 2023, 0.78, real);
        Value(fairfield, "share_employed", 2021, 0.79, real);

        db.GeographyPopulations.AddRange(
            new GeographyPopulation { GeographyId = donaAna.Id, Year = 2020, Population = 219_000, ImportId = real.Id },
            new GeographyPopulation { GeographyId = donaAna.Id, Year = 2022, Population = 223_000, ImportId = null },
            new GeographyPopulation { GeographyId = bernalillo.Id, Year = 2022, Population = 676_000, ImportId = real.Id },
            new GeographyPopulation { GeographyId = western.Id, Year = 2022, Population = 620_000, ImportId = demo.Id });
        await db.SaveChangesAsync();
        return new Seeded(database, real.Id, demo.Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Profile_shows_each_metrics_latest_whole_population_value(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var profile = await new CountyProfileService(database.Factory).GetAsync("35013");

        Assert.NotNull(profile);
        Assert.Equal("Doña Ana County", profile.Name);
        Assert.Equal("New Mexico", profile.StateName);
        Assert.Equal("NM", profile.StateAbbr);
        Assert.False(profile.Historical);
        Assert.Equal(223_000, profile.Population);
        Assert.Equal((short)2022, profile.PopulationYear);
        Assert.True(profile.PopulationIsDemo); // no import: the bundled demo figures

        var metrics = Rows(profile).ToDictionary(m => m.Metric.Key);
        var employed = metrics["share_employed"].Reading;
        Assert.NotNull(employed);
        Assert.Equal((short)2023, employed.Year);
        Assert.Equal(0.74, employed.Value);
        Assert.Equal(0.71, employed.LowerBound);
        Assert.Equal(0.77, employed.UpperBound);
        Assert.Equal(DataQuality.Marginal, employed.Quality);
        Assert.False(employed.IsDemo);

        var income = metrics["pctl_income_50"].Reading;
        Assert.NotNull(income);
        Assert.True(income.IsDemo);
        Assert.Equal(DataQuality.Weak, income.Quality);
        Assert.True(profile.HasDemoValues);

        Assert.Equal("2235:1", metrics["ratio_population_pc_physician"].Reading?.ValueText);
        Assert.Equal(MetricUnit.ResidentsPerPhysician, metrics["ratio_population_pc_physician"].Metric.Unit);

        // Retired measures appear only where they have data.
        Assert.True(metrics["index_transit_trips"].Metric.Retired);
        Assert.True(metrics["index_transit_trips"].HasData);
        Assert.False(metrics.ContainsKey("transportation_cost"));
        Assert.False(metrics.ContainsKey("ratio_high_low_ses_fb_friends"));

        // Metrics and predictors without data are listed, marked as such.
        Assert.Null(metrics["share_hs_degree"].Reading);
        var preschool = profile.Framework.Pillars.SelectMany(p => p.Predictors).Single(p => p.Key == "access-to-preschool");
        Assert.All(preschool.Metrics, m => Assert.Null(profile.Latest(m.Key)));
        Assert.Single(preschool.Metrics);

        Assert.Equal(5, profile.Framework.Pillars.Count);
        Assert.Equal(24, profile.Framework.Pillars.Sum(p => p.Predictors.Count));
        Assert.Equal(4, profile.MetricsWithData);
        Assert.Equal([(short)2019, (short)2022, (short)2023], profile.YearsShown);
        Assert.Equal("pillar-rewarding-work", profile.Framework.Pillars.Single(p => p.Key == "rewarding-work").Anchor);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Profile_of_real_data_is_not_demo(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var profile = await new CountyProfileService(database.Factory).GetAsync("35001");

        Assert.NotNull(profile);
        Assert.False(profile.HasDemoValues);
        Assert.False(profile.PopulationIsDemo);
        Assert.Equal(676_000, profile.Population);
        Assert.Equal(1, profile.MetricsWithData);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Historical_counties_name_their_successors_and_successors_their_predecessors(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var service = new CountyProfileService(database.Factory);

        var fairfield = await service.GetAsync("09001");
        Assert.NotNull(fairfield);
        Assert.True(fairfield.Historical);
        Assert.Equal(
            [new GeographyLink("09120", "Greater Bridgeport Planning Region", "CT"), new GeographyLink("09190", "Western Connecticut Planning Region", "CT"), new GeographyLink("09999", null, null)],
            fairfield.ReplacedBy);
        Assert.Equal((short)2021, Rows(fairfield).Single(m => m.HasData).Reading!.Year);

        var western = await service.GetAsync("09190");
        Assert.NotNull(western);
        Assert.Equal([new GeographyLink("09001", "Fairfield County", "CT")], western.Replaces);
        Assert.Empty(western.ReplacedBy);
        Assert.True(western.PopulationIsDemo);
        Assert.Equal(0, western.MetricsWithData);
        Assert.False(western.HasDemoValues);
        Assert.Empty(western.YearsShown);

        var bernalillo = await service.GetAsync("35001");
        Assert.Empty(bernalillo!.Replaces);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unknown_or_malformed_codes_have_no_profile(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var service = new CountyProfileService(database.Factory);

        Assert.Null(await service.GetAsync("99999"));
        Assert.Null(await service.GetAsync("abc"));
        Assert.Null(await service.GetAsync("5013"));
        // A 7-digit code is a city's: the same read path, as a city (never as a county).
        Assert.Equal(Core.Geographies.PlaceKind.City, (await service.GetAsync("3502000"))?.Kind);
        Assert.Null(await service.GetAsync("350200"));
        Assert.Null(await service.GetAsync(""));
        var hidden = await service.GetAsync("35999");
        Assert.NotNull(hidden);
        Assert.True(hidden.Hidden);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Directory_searches_lists_and_notices_demo_data(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var directory = new CountyDirectoryService(database.Factory, new DataVersion(database.Factory));

        Assert.Equal("35013", (await directory.SearchAsync("dona ana")).First().Fips);
        Assert.Equal("35013", (await directory.SearchAsync("35013")).Single().Fips);
        // Bigger county first among equally good matches (population from the database).
        Assert.Equal(["35001", "35013"], (await directory.SearchAsync("new mexico")).Select(c => c.Fips));
        Assert.Empty(await directory.SearchAsync("test hidden"));
        Assert.Empty(await directory.SearchAsync("albuquerque"));
        Assert.True((await directory.SearchAsync("fairfield")).Single().Historical);

        var states = await directory.ListByStateAsync();
        Assert.Equal(["Connecticut", "New Mexico"], states.Select(s => s.StateName));
        Assert.Equal(["09120", "09190"], states[0].Counties.Select(c => c.Fips));
        Assert.Equal(["35001", "35013"], states[1].Counties.Select(c => c.Fips));
        Assert.Equal(["35013"], (await directory.ListByStateAsync("DOÑA")).SelectMany(s => s.Counties).Select(c => c.Fips));

        Assert.Equal("Doña Ana County", (await directory.FindAsync("35013"))?.Name);
        Assert.Null(await directory.FindAsync("35999"));

        Assert.True(await directory.IsDemoDataLoadedAsync());
        await using (var db = database.CreateContext())
        {
            await db.MetricValues.Where(v => v.ImportId == seeded.DemoImport).ExecuteDeleteAsync();
        }
        Assert.True(await directory.IsDemoDataLoadedAsync()); // cached
        directory.Invalidate();
        Assert.False(await directory.IsDemoDataLoadedAsync());
    }

    /// <summary>
    /// Two instances on one database each hold their own copy; an audited edit or an import through one is in the
    /// other's very next answer, with nothing telling the other (no <see cref="CountyDirectoryService.Invalidate"/>).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Directory_shows_an_edit_or_an_import_made_through_another_instance_on_its_next_answer(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var mine = new CountyDirectoryService(database.Factory, new DataVersion(database.Factory));
        var theirs = new CountyDirectoryService(database.Factory, new DataVersion(database.Factory));
        Assert.Single(await mine.SearchAsync("bernalillo"));
        Assert.True(await mine.IsDemoDataLoadedAsync());

        var admin = new UpwardMobility.Core.Admin.CountyAdminService(database.Factory, new UpwardMobility.Core.Audit.AuditLog(database.Factory, TimeProvider.System), theirs);
        Assert.True((await admin.SetHiddenAsync("35001", true, "admin@example.org")).Ok);
        Assert.Empty(await mine.SearchAsync("bernalillo"));

        // What a real import does to the demo data, in one transaction: a new import row, the demo values gone.
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Imports.Add(new DataImport { FileName = "county-debt-coll-shares-2022.csv", StartedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await db.MetricValues.Where(v => v.ImportId == seeded.DemoImport).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }
        Assert.False(await mine.IsDemoDataLoadedAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Directory_reloads_a_stale_copy_in_the_background(DatabaseProvider provider)
    {
        var seeded = await SeedAsync(provider);
        await using var database = seeded.Database;
        var directory = new CountyDirectoryService(database.Factory, new DataVersion(database.Factory)) { CacheLifetime = TimeSpan.Zero };
        Assert.Single(await directory.SearchAsync("bernalillo"));

        await using (var db = database.CreateContext())
        {
            await db.Geographies.Where(g => g.Fips == "35001").ExecuteUpdateAsync(s => s.SetProperty(g => g.Hidden, true));
        }
        // The stale copy answers while the reload runs; soon the reload is in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await directory.SearchAsync("bernalillo")).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The directory did not reload.");
            await Task.Delay(20);
        }
    }
}

/// <summary>The county services on the app's own start-up: catalog, full county list and synthetic demo data.</summary>
public abstract class CountyServicesDemoTests(TestHost fixture)
{
    [Fact]
    public async Task Los_Angeles_County_has_demo_values_for_every_current_metric()
    {
        var profile = await fixture.Get<CountyProfileService>().GetAsync("06037");

        Assert.NotNull(profile);
        Assert.Equal("Los Angeles County", profile.Name);
        Assert.Equal("California", profile.StateName);
        Assert.True(profile.HasDemoValues);
        Assert.NotNull(profile.Population);
        Assert.Equal(DemoDataSeeder.Years[^1], profile.PopulationYear);
        Assert.Equal(5, profile.Framework.Pillars.Count);
        Assert.Equal(24, profile.Framework.Pillars.Sum(p => p.Predictors.Count));
        var readings = Rows(profile).ToList();
        Assert.All(readings, m =>
        {
            Assert.False(m.Metric.Retired);
            Assert.NotNull(m.Reading);
            Assert.Equal(DemoDataSeeder.Years[^1], m.Reading.Year);
            Assert.NotEqual(DataQuality.Unknown, m.Reading.Quality);
            Assert.True(m.Reading.IsDemo);
        });
        Assert.Equal([DemoDataSeeder.Years[^1]], profile.YearsShown);
    }

    [Fact]
    public async Task Framework_outline_has_the_published_shape()
    {
        var outline = await fixture.Get<CountyProfileService>().GetFrameworkAsync();

        Assert.Equal(3, outline.Dimensions.Count);
        Assert.Equal(5, outline.Pillars.Count);
        Assert.Equal(24, outline.Pillars.Sum(p => p.Predictors.Count));
        Assert.Equal("Opportunity-Rich & Inclusive Neighborhoods", outline.Pillars[0].Name);
        Assert.All(outline.Pillars.SelectMany(p => p.Predictors), p => Assert.NotEmpty(p.Metrics));
    }

    [Fact]
    public async Task Connecticut_counties_link_to_the_planning_regions()
    {
        var service = fixture.Get<CountyProfileService>();
        var fairfield = await service.GetAsync("09001");

        Assert.NotNull(fairfield);
        Assert.True(fairfield.Historical);
        // The tract crosswalk: Fairfield's tracts lie in three of the nine planning regions.
        Assert.Equal(["09120", "09140", "09190"], fairfield.ReplacedBy.Select(r => r.Fips));
        Assert.All(fairfield.ReplacedBy, r => Assert.EndsWith("Planning Region", r.Name, StringComparison.Ordinal));
        Assert.False(fairfield.HasDemoValues); // the demo covers current counties only

        var chugach = await service.GetAsync("02063");
        Assert.Equal(["02261"], chugach!.Replaces.Select(r => r.Fips));
    }

    [Fact]
    public async Task Directory_covers_every_current_county()
    {
        var directory = fixture.Get<CountyDirectoryService>();
        var states = await directory.ListByStateAsync();

        Assert.Equal(52, states.Count);
        Assert.InRange(states.Sum(s => s.Counties.Count), 3140, 3300);
        Assert.DoesNotContain(states.SelectMany(s => s.Counties), c => c.Historical);
        Assert.Equal("06037", (await directory.SearchAsync("los angeles")).First().Fips);
        Assert.Equal("35013", (await directory.SearchAsync("dona ana")).First().Fips);
        Assert.Equal("06037", (await directory.SearchAsync("6037")).Single().Fips);
        Assert.True(await directory.IsDemoDataLoadedAsync());
    }
}

/// <summary>PostgreSQL set up by the app's own start-up (SQLite gets the same from <see cref="DemoWebApp"/>).</summary>
public sealed class PostgresDemoApp() : TestHost(new() { Provider = DatabaseProvider.Postgres, DemoData = true });

/// <summary>On SQLite, the database the web app seeded at start-up (shared with the HTTP tests: one demo seed).</summary>
[Collection(DemoWebAppCollection.Name)]
public sealed class CountyServicesDemoTestsOnSqlite(DemoWebApp web) : CountyServicesDemoTests(web);

public sealed class CountyServicesDemoTestsOnPostgres(PostgresDemoApp fixture)
    : CountyServicesDemoTests(fixture), IClassFixture<PostgresDemoApp>;

/// <summary>The catalog's metrics with the county's latest reading: retired ones only where they have a value.</summary>
internal static class ProfileRows
{
    internal sealed record Row(MetricOutline Metric, MetricReading? Reading)
    {
        public bool HasData => Reading is not null;
    }

    internal static IEnumerable<Row> Rows(CountyProfile profile) => profile.Framework.Pillars
        .SelectMany(p => p.Predictors).SelectMany(q => q.Metrics)
        .Select(m => new Row(m, profile.Latest(m.Key)))
        .Where(r => r.HasData || !r.Metric.Retired);
}
