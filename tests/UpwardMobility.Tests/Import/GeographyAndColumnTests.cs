using System.Text;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>New geographies (named or not), city files, unknown columns.</summary>
public class GeographyAndColumnTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unknown_counties_are_created_from_the_names_in_the_file_or_flagged_for_review(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        int countiesBefore;
        await using (var context = db.CreateContext())
        {
            countiesBefore = await context.Geographies.CountAsync();
        }
        var westernCt = await db.GeographyAsync("09190");

        var named = await db.ImportCleanlyAsync(temp.Write("named.csv",
            "year,state,county,state_name,county_name,share_employed",
            "2023,02,999,Alaska,  Test Borough ,0.5",       // unknown: created with its (trimmed) name
            "2023,09,190,Connecticut,Western CT,0.6",       // a planning region the county list already has
            "2022,2,999,Alaska,Test Borough,0.4"));         // the same new county again, FIPS without leading zero
        Assert.Equal([new NewGeography("County", "02999", "Test Borough", false)], named.NewGeographies);
        var created = await db.GeographyAsync("02999");
        Assert.Equal(("Test Borough", "02", "Alaska", "AK", false, false), (created.Name, created.StateFips, created.StateName, created.StateAbbr, created.NeedsReview, created.Hidden));
        Assert.Equal(0.5, (await db.ValueAsync("02999", "share_employed", 2023)).Value);
        Assert.Equal(0.4, (await db.ValueAsync("02999", "share_employed", 2022)).Value);
        Assert.Equal(0.6, (await db.ValueAsync("09190", "share_employed", 2023)).Value);
        var westernAfter = await db.GeographyAsync("09190");
        Assert.Equal((westernCt.Id, westernCt.Name), (westernAfter.Id, westernAfter.Name)); // a known county's name is not changed by a file

        var unnamed = await db.ImportCleanlyAsync(temp.Write("unnamed.csv",
            "year,state,county,share_employed",
            "2023,02,998,0.5"));
        Assert.Equal([new NewGeography("County", "02998", "County 02998 (name needed)", true)], unnamed.NewGeographies);
        var placeholder = await db.GeographyAsync("02998");
        Assert.True(placeholder.NeedsReview);
        Assert.Equal(("County 02998 (name needed)", "Alaska", "AK"), (placeholder.Name, placeholder.StateName, placeholder.StateAbbr));

        // "NA" is no name; a later row's name is used when an earlier row had none.
        var na = await db.ImportCleanlyAsync(temp.Write("na_name.csv",
            "year,state,county,state_name,county_name,share_employed",
            "2023,46,997,South Dakota,NA,0.5",
            "2021,46,996,South Dakota,,0.5",
            "2022,46,996,South Dakota,Later Named County,0.5"));
        Assert.Equal(
            [new NewGeography("County", "46996", "Later Named County", false), new NewGeography("County", "46997", "County 46997 (name needed)", true)],
            na.NewGeographies.OrderBy(g => g.Fips).ToList());
        Assert.False((await db.GeographyAsync("46996")).NeedsReview);
        Assert.True((await db.GeographyAsync("46997")).NeedsReview);

        // Importing again creates nothing new.
        var again = await db.ImportCleanlyAsync(temp.Write("named_again.csv", "year,state,county,county_name,share_employed", "2023,02,999,Test Borough,0.5"));
        Assert.Empty(again.NewGeographies);
        Assert.Equal(1, again.ValuesUnchanged);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(countiesBefore + 4, await context.Geographies.CountAsync());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Names_keep_their_accents_in_Windows_1252_and_in_mixed_files(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var header = "year,state,county,state_name,county_name,population";
        var cp1252 = temp.Write("cp1252.csv", [header, "2023,35,991,New Mexico,Doña Test County,100"], Encoding.GetEncoding(1252), "\r\n");
        var report = await db.ImportCleanlyAsync(cp1252);
        Assert.Equal("Windows-1252", report.Encoding);
        Assert.Equal("Doña Test County", (await db.GeographyAsync("35991")).Name);

        // Like county-populations.csv: most lines UTF-8, some Windows-1252.
        var mixed = Path.Combine(temp.Path, "mixed.csv");
        await File.WriteAllBytesAsync(mixed, [
            .. Encoding.UTF8.GetBytes($"{header}\n2023,35,992,New Mexico,Española Test County,200\n"),
            .. Encoding.GetEncoding(1252).GetBytes("2023,35,993,New Mexico,Peñasco Test County,300\n"),
            .. Encoding.UTF8.GetBytes("2023,72,991,Puerto Rico,Bayamón Test Municipio,400\n"),
        ]);
        var mixedReport = await db.ImportCleanlyAsync(mixed);
        Assert.Equal(3, mixedReport.NewGeographies.Count);
        Assert.Equal("Española Test County", (await db.GeographyAsync("35992")).Name);
        Assert.Equal("Peñasco Test County", (await db.GeographyAsync("35993")).Name);
        Assert.Equal("Bayamón Test Municipio", (await db.GeographyAsync("72991")).Name);
        Assert.Equal(300, (await db.GeographyAsync("35993")).Populations.Single().Population);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task City_files_create_cities_and_never_touch_counties(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        await db.ImportCleanlyAsync(temp.Write("county.csv",
            "year,state,county,share_employed,share_employed_quality",
            "2023,06,037,0.70,1"));
        var losAngelesCounty = await db.GeographyAsync("06037");
        var countyValues = await db.ValuesOfAsync("06037");

        var report = await db.ImportCleanlyAsync(temp.Write("cities.csv",
            "year,state,place,state_name,place_name,share_employed,share_employed_quality",
            "2023,06,44000,California,Los Angeles city,0.61,1",
            "2023,06,037,California,Test Place,0.55,2",   // place 00037: the digits of county 037, but a city
            "2023,6,6037,California,Other Test Place,0.52,3",
            "2023,06,99999,California,,0.5,1"));          // no name: placeholder
        Assert.Equal("City", report.GeographyKind);
        Assert.Equal(
        [
            new NewGeography("City", "0600037", "Test Place", false),
            new NewGeography("City", "0606037", "Other Test Place", false),
            new NewGeography("City", "0644000", "Los Angeles city", false),
            new NewGeography("City", "0699999", "City 0699999 (name needed)", true),
        ], report.NewGeographies.OrderBy(g => g.Fips).ToList());

        var la = await db.GeographyAsync("0644000", GeographyKind.City);
        Assert.Equal(("Los Angeles city", "06", "California", "CA", false), (la.Name, la.StateFips, la.StateName, la.StateAbbr, la.NeedsReview));
        Assert.Equal(new StoredValue(0.61, null, null, DataQuality.Strong, null), (await db.ValuesOfAsync("0644000", GeographyKind.City)).Values.Single());
        Assert.Equal(0.55, (await db.ValuesOfAsync("0600037", GeographyKind.City)).Values.Single().Value);
        Assert.True((await db.GeographyAsync("0699999", GeographyKind.City)).NeedsReview);

        // The county is as it was: same row, same name, same single value.
        var countyAfter = await db.GeographyAsync("06037");
        Assert.Equal((losAngelesCounty.Id, losAngelesCounty.Name, GeographyKind.County), (countyAfter.Id, countyAfter.Name, countyAfter.Kind));
        Assert.Equal(countyValues, await db.ValuesOfAsync("06037"));
        await using var context = db.CreateContext();
        Assert.Equal(4, await context.Geographies.CountAsync(g => g.Kind == GeographyKind.City));
        Assert.False(await context.Geographies.AnyAsync(g => g.Kind == GeographyKind.County && g.Fips.Length != 5));

        // A second city file finds the cities it knows.
        var again = await db.ImportCleanlyAsync(temp.Write("cities_again.csv", "year,state,place,place_name,share_employed", "2022,06,44000,Los Angeles city,0.60"));
        Assert.Empty(again.NewGeographies);
        Assert.Equal(2, (await db.ValuesOfAsync("0644000", GeographyKind.City)).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Subgroups_are_trimmed_and_typed_and_missing_cells_skipped(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var report = await db.ImportCleanlyAsync(temp.Write("subgroups.csv",
            [
                "\"year\",\"state\",\"county\",\"subgroup\",\"subgroup_type\",\"share_employed\",\"share_employed_quality\"",
                "2023,\"01\",\"001\",\"  Female \",\" gender \",\"0.58\",\"Marginal\"",
                "2023,01,001,all,all,0.61,Strong",                              // the whole population, any case
                "2023,01,001,Black Non-Hispanic,race-ethncity,0.55,weak",        // Urban's misspelling
                "2023,01,001,Hispanic,race-ethnicity,NaN,NA",                    // missing: nothing stored
                "2023,01,001,Asian,Race-Ethnicity,,",                            // missing too
                "2023,01,003,All,tenure,0.6,1",                                  // tenure/All is the whole population
            ], newline: "\r\n"));
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(4, report.ValuesInserted);
        Assert.Equal(2, report.MissingCells);
        var stored = await db.ValuesOfAsync("01001");
        Assert.Equal(
            new HashSet<ValueKey>
            {
                new("01001", "share_employed", 2023, "gender", "Female"),
                new("01001", "share_employed", 2023, "all", "All"),
                new("01001", "share_employed", 2023, "race-ethnicity", "Black Non-Hispanic"),
            },
            stored.Keys.ToHashSet());
        Assert.Equal(new StoredValue(0.58, null, null, DataQuality.Marginal, null), stored[new("01001", "share_employed", 2023, "gender", "Female")]);
        Assert.Equal(DataQuality.Weak, stored[new("01001", "share_employed", 2023, "race-ethnicity", "Black Non-Hispanic")].Quality);
        Assert.Equal(0.6, (await db.ValueAsync("01003", "share_employed", 2023)).Value);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unknown_columns_are_listed_and_the_known_ones_imported(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var report = await db.ImportCleanlyAsync(temp.Write("extra_columns.csv",
            "year,state,county,county_name,share_employed,share_employed_moe,notes,share_employed_lb,share_employed_ub,share_employed_quality,share_hs_degree_quality,rate_crime_quality,pctl_income_20_lb, Homeless_Count ",
            "2023,01,001,Autauga County,0.61,0.03,checked,0.58,0.64,1,2,1,100,57"));
        Assert.Equal(["share_employed_moe", "notes", "share_hs_degree_quality", "rate_crime_quality", "pctl_income_20_lb"], report.UnknownColumns);
        Assert.Equal(
        [
            new MappedMetric("share_employed", "share_employed", "share_employed_lb", "share_employed_ub", "share_employed_quality"),
            new MappedMetric("count_homeless", "Homeless_Count", null, null, null),
        ], report.Metrics);
        Assert.Equal(new StoredValue(0.61, 0.58, 0.64, DataQuality.Strong, null), await db.ValueAsync("01001", "share_employed", 2023));
        Assert.Equal(new StoredValue(57, null, null, DataQuality.Unknown, null), await db.ValueAsync("01001", "count_homeless", 2023));
        Assert.Equal(2, await db.CountValuesAsync());

        // The report kept in the history lists them too.
        var json = await db.History.ReportJsonAsync(report.ImportId!.Value);
        Assert.Contains("share_employed_moe", json);
        Assert.Contains("pctl_income_20_lb", json);
    }
}
