using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Cities;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;
using Xunit.Abstractions;

namespace UpwardMobility.Tests.Cities;

/// <summary>Every real city file imported into one database (per provider), checked against the source files and crosswalks.</summary>
public abstract class CityImportTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : CityImportFixture
{
    /// <summary>Cities checked value by value against every city file.</summary>
    private static readonly HashSet<string> CheckedCities =
    [
        "0103076", // Auburn city, AL: the first row of every file
        "4164900", // Salem city, OR: in Marion (83%) and Polk (17%) counties
        "4827684", // Frisco city, TX: in Collin (59%) and Denton (41%) counties
        "3651000", // New York city, NY: five counties
        "0937000", // Hartford city, CT: in the Capitol Planning Region
        "0407940", // Buckeye city, AZ: "Buckeye town" until 2015
        "1372122", // South Fulton city, GA: incorporated 2017, missing from the 2016 turnout and the air-hazard files
    ];

    private ImportTestDatabase Db => fixture.Db;

    [Fact]
    public void Every_city_file_is_accepted_whole()
    {
        Assert.Equal(24, CitySource.AllFiles.Count);
        foreach (var file in CitySource.AllFiles)
        {
            var report = fixture.Reports[file];
            var values = UrbanSource.ReadValues(CitySource.UrbanRelative(file));
            var rows = UrbanSource.ReadTable(CitySource.PathOf(file)).Rows.Count;
            output.WriteLine($"{file}: {report.Summary} {report.DurationMs} ms");
            Assert.True(report.Outcome == ImportOutcome.Imported, $"{file}: {report.Summary}");
            Assert.Null(report.FatalError);
            Assert.True(report.RowsRejected == 0, $"{file}: {report.RowsRejected} rows rejected, e.g. {string.Join("; ", report.Problems.Take(5))}");
            Assert.Empty(report.Problems);
            Assert.True(report.UnknownColumns.Count == 0, $"{file}: unknown columns {string.Join(", ", report.UnknownColumns)}");
            // Every city of the files is in the bundled list, so none is created with a placeholder name.
            Assert.Empty(report.NewGeographies);
            Assert.True(rows == report.RowsRead, $"{file}: {rows} data lines, the report read {report.RowsRead}");
            Assert.True(values.Count == report.ValuesRead, $"{file}: {values.Count} values in the file, the report read {report.ValuesRead}");
        }
        ImportTestDatabase.AssertCleanImport(fixture.CountyReport);
    }

    [Fact]
    public async Task Values_of_checked_cities_match_every_source_file()
    {
        // Precedence (issue 22): a headline file's whole-population value outranks a subgroup file's "All" row (the
        // race-ethnicity employment file re-publishes share_employed with other figures than the "all" file); otherwise
        // later files replace earlier ones' values for the same key.
        var expected = new Dictionary<ValueKey, SourceValue>();
        var fromHeadline = new HashSet<ValueKey>();
        foreach (var file in CitySource.AllFiles)
        {
            var values = UrbanSource.ReadValues(CitySource.UrbanRelative(file), CheckedCities);
            var subgroupFile = values.Keys.Any(k => k.SubgroupType != "all");
            foreach (var (key, value) in values)
            {
                if (subgroupFile && fromHeadline.Contains(key))
                {
                    continue;
                }
                expected[key] = value;
                if (!subgroupFile)
                {
                    fromHeadline.Add(key);
                }
            }
        }
        var checkedValues = 0;
        foreach (var fips in CheckedCities)
        {
            var stored = await Db.ValuesOfAsync(fips, GeographyKind.City);
            var mine = expected.Where(e => e.Key.Fips == fips).ToDictionary();
            var missing = mine.Keys.Where(k => !stored.ContainsKey(k)).Take(5).ToList();
            var extra = stored.Keys.Where(k => !mine.ContainsKey(k)).Take(5).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0,
                $"{fips}: {mine.Count} values in the files, {stored.Count} stored; missing {string.Join(", ", missing)}; extra {string.Join(", ", extra)}");
            Assert.True(mine.Count > 50, $"{fips}: only {mine.Count} values");
            foreach (var (key, source) in mine)
            {
                UrbanSource.AssertMatches(source, stored[key], $"{key} ({source.File} line {source.Line})");
                checkedValues++;
            }
        }
        output.WriteLine($"{checkedValues} values checked");
        // No city value was stored on a county, and the city's numbers are its own, not its county's.
        Assert.DoesNotContain((await Db.ValuesOfAsync("41047")).Keys, k => k.Fips.Length != 5);
        var salem = await Db.ValueAsync("4164900", "share_employed", 2018);
        var marion = await Db.ValueAsync("41047", "share_employed", 2018);
        // The headline file's whole-population value, which outranks the race-ethnicity file's "All" row (issue 22).
        var salemHeadline = UrbanSource.ReadValues(CitySource.UrbanRelative("metrics_employment_place_all_longitudinal.csv"), new HashSet<string> { "4164900" })
            .Single(kv => kv.Key.Metric == "share_employed" && kv.Key.Year == 2018 && kv.Key.SubgroupType == "all").Value;
        Assert.Equal(salemHeadline.Value, salem.Value);
        Assert.NotEqual(0.7894300467626663, salem.Value); // the race-ethnicity file's "All" row
        Assert.NotEqual(salem.Value, marion.Value);
    }

    [Fact]
    public async Task Known_values_of_Auburn_are_as_written()
    {
        Assert.Equal(new StoredValue(13008.6825, 11496.044999999998, 15529.745, DataQuality.Marginal, null), await Db.ValueAsync("0103076", "pctl_income_20", 2014));
        Assert.Equal(new StoredValue(0.6975139764481979, 0.6609468211461484, 0.7340811317502474, DataQuality.Marginal, null),
            await Db.ValueAsync("0103076", "share_employed", 2014, "race-ethnicity", "Black, Non-Hispanic"));
        // election_turnout (2020 file) is the alias of share_election_turnout; the 2016 file uses the new name, quoted.
        Assert.Equal(new StoredValue(0.43047810869591713, null, null, DataQuality.Weak, null), await Db.ValueAsync("0103076", "share_election_turnout", 2020));
        Assert.Equal(new StoredValue(0.377826720309155, null, null, DataQuality.Weak, null), await Db.ValueAsync("0103076", "share_election_turnout", 2016));
        // a:b text kept, value a/b.
        var ratio = await Db.ValueAsync("0103076", "ratio_black_nh_house_value_households", 2014);
        Assert.Equal(("0.119:0.246", DataQuality.Marginal), (ratio.ValueText, ratio.Quality));
        Assert.Equal(0.119 / 0.246, ratio.Value!.Value, 12);
        // homelessness: ".0046833423" without a leading zero; "tenure,All" is the whole population.
        Assert.Equal(new StoredValue(0.0046833423, null, null, DataQuality.Strong, null), await Db.ValueAsync("0103076", "share_homeless", 2021));
        Assert.Equal(0.5598496381463506, (await Db.ValueAsync("0103076", "share_affordable_available_30_ami", 2023)).Value);
    }

    [Fact]
    public async Task Cities_carry_the_names_and_populations_of_the_list()
    {
        var service = new CityOverviewService(Db.Factory);
        var buckeye = await service.GetAsync("0407940");
        Assert.NotNull(buckeye);
        Assert.Equal(("Buckeye city", "04", "Arizona", "AZ"), (buckeye.Name, buckeye.StateFips, buckeye.StateName, buckeye.StateAbbr));
        Assert.False(buckeye.NeedsReview);
        var source = CitySource.ReadCrosswalk("place-populations.csv")
            .Where(r => r["state"] + r["place"] == "0407940")
            .Select(r => (short.Parse(r["year"]), long.Parse(r["population"])))
            .ToList();
        Assert.Equal(10, source.Count);
        Assert.Equal(source, buckeye.Populations.Select(p => (p.Year, p.Population)));
        Assert.All(buckeye.Populations, p => Assert.False(p.FromImport));
        Assert.Equal(((short)2023, 108909L), (buckeye.LatestPopulation!.Year, buckeye.LatestPopulation.Population));

        var southFulton = await service.GetAsync("1372122");
        Assert.Equal([2018, 2019, 2020, 2021, 2022, 2023], southFulton!.Populations.Select(p => (int)p.Year));
        Assert.Equal([("13121", "Fulton County", 1.0)], southFulton.Counties.Select(c => (c.Fips, c.Name, c.ShareOfCity)));

        Assert.Null(await service.GetAsync("41064900")); // 8 digits
        Assert.Null(await service.GetAsync("4199999")); // no such city
        Assert.Null(await service.GetAsync("41047")); // a county code is not a city's

        await using var db = Db.CreateContext();
        Assert.Equal(486, await db.Geographies.CountAsync(g => g.Kind == GeographyKind.City));
        Assert.Equal(0, await db.Geographies.CountAsync(g => g.Kind == GeographyKind.City && g.NeedsReview));
    }

    [Fact]
    public async Task A_city_in_several_counties_names_each_with_its_share()
    {
        var links = new CountyCityLinks(Db.Factory);
        var salem = await links.CountiesOfCityAsync("4164900");
        Assert.Equal(
            [("41047", "Marion County", "OR", 0.8325, 0.4225, 146139), ("41053", "Polk County", "OR", 0.1675, 0.3362, 29396)],
            salem.Select(c => (c.Fips, c.Name, c.StateAbbr, c.ShareOfCity, c.ShareOfCounty, c.PeopleInCounty)));
        Assert.Equal(1.0, salem.Sum(c => c.ShareOfCity), 9);

        var polkCities = await links.CitiesInCountyAsync("41053");
        var inPolk = Assert.Single(polkCities, c => c.Fips == "4164900");
        Assert.Equal(("Salem city", 0.1675, 0.3362), (inPolk.Name, inPolk.ShareOfCity, inPolk.ShareOfCounty));

        var newYork = await links.CountiesOfCityAsync("3651000");
        Assert.Equal(["36047", "36081", "36061", "36005", "36085"], newYork.Select(c => c.Fips)); // Brooklyn first: most people
        Assert.Equal(1.0, newYork.Sum(c => c.ShareOfCity), 9);

        // A planning region is a county here: Hartford city lies wholly in the Capitol Planning Region.
        Assert.Equal([("09110", 1.0)], (await links.CountiesOfCityAsync("0937000")).Select(c => (c.Fips, c.ShareOfCity)));
        var capitol = await links.CitiesInCountyAsync("09110");
        Assert.Contains(capitol, c => c.Fips == "0937000");
        Assert.Empty(await links.CitiesInCountyAsync("09003")); // the old Hartford County: the crosswalk is 2022 onwards

        // Against geocorr itself: every Urban city's row, with its shares, and nothing else.
        await using var db = Db.CreateContext();
        var urban = (await db.Geographies.Where(g => g.Kind == GeographyKind.City).Select(g => g.Fips).ToListAsync()).ToHashSet();
        var source = CitySource.ReadCrosswalk("geocorr2022_county_place_2022_onwards.csv")
            .Where(r => urban.Contains(r["state"] + r["place"]))
            .ToList();
        Assert.Equal(584, source.Count);
        var stored = await (
                from link in db.CountyPlaces
                join city in db.Geographies on link.CityId equals city.Id
                join county in db.Geographies on link.CountyId equals county.Id
                select new { City = city.Fips, County = county.Fips, city.Kind, CountyKind = county.Kind, link.ShareOfCity, link.ShareOfCounty })
            .ToListAsync();
        Assert.Equal(source.Count, stored.Count);
        Assert.All(stored, s => Assert.Equal((GeographyKind.City, GeographyKind.County), (s.Kind, s.CountyKind)));
        var byKey = stored.ToDictionary(s => (s.City, s.County));
        foreach (var r in source)
        {
            var s = byKey[(r["state"] + r["place"], r["countyfip"])];
            Assert.Equal((CitySource.Number(r["afact2"]), CitySource.Number(r["afact"])), (s.ShareOfCity, s.ShareOfCounty));
        }
        // geocorr's 4-decimal shares of each city's people add up to 1 within rounding.
        Assert.All(stored.GroupBy(s => s.City), g => Assert.InRange(g.Sum(s => s.ShareOfCity), 0.9995, 1.0005));
    }

    [Fact]
    public async Task Cities_never_enter_the_county_distributions()
    {
        const short Year = 2021;
        var metricId = await Db.MetricIdAsync("share_employed");
        var counties = UrbanSource.ReadValues(CityImportFixture.CountyEmploymentFile)
            .Where(kv => kv.Key.Metric == "share_employed" && kv.Key.Year == Year && kv.Value.Value is not null)
            .ToDictionary(kv => kv.Key.Fips, kv => kv.Value.Value!.Value);
        await using var db = Db.CreateContext();
        var cityValues = await (
                from v in db.MetricValues
                join g in db.Geographies on v.GeographyId equals g.Id
                where g.Kind == GeographyKind.City && v.MetricId == metricId && v.Year == Year && v.SubgroupType == Subgroups.AllType && v.Value != null
                select new { g.StateFips, Value = v.Value!.Value })
            .ToListAsync();
        Assert.True(cityValues.Count > 480, $"{cityValues.Count} city values of share_employed in {Year}");

        var distributions = await new CountyDistributionCache(Db.Factory, new DataVersion(Db.Factory)).GetAsync([metricId]);
        var national = distributions.Statistic(metricId, Year, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope)!;
        Assert.Equal(counties.Count, national.Count);
        UrbanSource.AssertClose(Median(counties.Values), national.Median, "national median of counties");
        // The check can fail: with the cities in, the median would be another number.
        Assert.NotEqual(Median(counties.Values), Median(counties.Values.Concat(cityValues.Select(c => c.Value))));
        var texas = distributions.Statistic(metricId, Year, Subgroups.AllType, Subgroups.All, "48")!;
        Assert.Equal(counties.Count(c => c.Key.StartsWith("48", StringComparison.Ordinal)), texas.Count);
        // A city's value is no county's percentile input: the top city value reads against counties only.
        var top = cityValues.Max(c => c.Value);
        Assert.Equal(Math.Min(1, (double)counties.Values.Count(v => v < top) / (counties.Count - 1)),
            distributions.Percentile(metricId, Year, Subgroups.AllType, Subgroups.All, top));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}

public sealed class PostgresCityImportTests(PostgresCityImportFixture fixture, ITestOutputHelper output)
    : CityImportTests<PostgresCityImportFixture>(fixture, output);

public sealed class SqliteCityImportTests(SqliteCityImportFixture fixture, ITestOutputHelper output)
    : CityImportTests<SqliteCityImportFixture>(fixture, output);
