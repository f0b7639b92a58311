using System.Text;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>Unknown place codes (rejected, never created), city files, unknown columns.</summary>
public class GeographyAndColumnTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unknown_codes_are_rejected_rows_and_never_become_places(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        int countiesBefore;
        await using (var context = db.CreateContext())
        {
            countiesBefore = await context.Geographies.CountAsync();
        }
        var losAngeles = await db.GeographyAsync("06037");
        var file = temp.Write("unknown.csv",
            "year,state,county,state_name,county_name,share_employed",
            "2023,06,998,California,<script>alert(1)</script>,0.5",   // not in the Census list
            "2023,06,999,California,=HYPERLINK(\"http://x\"),0.5",
            "2023,06,037,California,=1+1 County,0.6");                // a listed county: its name is not the file's

        var whole = await db.ImportAsync(file);
        Assert.Equal(ImportOutcome.NotImported, whole.Outcome);
        Assert.Equal((3, 2), (whole.RowsRead, whole.RowsRejected));
        Assert.Equal(2, whole.RejectionCounts[RejectionReason.UnknownPlace]);
        Assert.Equal("no such county or city", RejectionReason.UnknownPlace.Text());
        Assert.Contains(whole.Problems, p => p.Line == 2 && p.Message.Contains("06998 is not among the counties this dashboard lists", StringComparison.Ordinal)
            && p.Message.Contains("never creates a county", StringComparison.Ordinal));

        var partial = await db.ImportAsync(file, new ImportOptions { AcceptPartial = true, UserName = "test" });
        Assert.Equal(ImportOutcome.Imported, partial.Outcome);
        Assert.Empty(partial.NewGeographies);
        Assert.Equal(0.6, (await db.ValueAsync("06037", "share_employed", 2023)).Value);
        Assert.Equal(losAngeles.Name, (await db.GeographyAsync("06037")).Name);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(countiesBefore, await context.Geographies.CountAsync());
            Assert.False(await context.Geographies.AnyAsync(g => g.Fips == "06998" || g.Fips == "06999"));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Subgroup_labels_keep_their_accents_in_Windows_1252_and_in_mixed_files(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var header = "year,state,county,subgroup_type,subgroup,share_employed";
        var cp1252 = temp.Write("cp1252.csv", [header, "2023,35,013,place,Doña Ana Valley,0.5"], Encoding.GetEncoding(1252), "\r\n");
        var report = await db.ImportCleanlyAsync(cp1252);
        Assert.Equal("Windows-1252", report.Encoding);
        Assert.Equal(0.5, (await db.ValueAsync("35013", "share_employed", 2023, "place", "Doña Ana Valley")).Value);

        // Like county-populations.csv: most lines UTF-8, some Windows-1252.
        var mixed = Path.Combine(temp.Path, "mixed.csv");
        await File.WriteAllBytesAsync(mixed, [
            .. Encoding.UTF8.GetBytes($"{header}\n2023,35,039,place,Española,0.6\n"),
            .. Encoding.GetEncoding(1252).GetBytes("2023,35,055,place,Peñasco,0.7\n"),
            .. Encoding.UTF8.GetBytes("2023,72,021,place,Bayamón,0.8\n"),
        ]);
        await db.ImportCleanlyAsync(mixed);
        Assert.Equal(0.6, (await db.ValueAsync("35039", "share_employed", 2023, "place", "Española")).Value);
        Assert.Equal(0.7, (await db.ValueAsync("35055", "share_employed", 2023, "place", "Peñasco")).Value);
        Assert.Equal(0.8, (await db.ValueAsync("72021", "share_employed", 2023, "place", "Bayamón")).Value);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task City_files_find_the_listed_cities_and_never_touch_counties(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider, withCities: true);
        using var temp = new TempFolder();
        await db.ImportCleanlyAsync(temp.Write("county.csv",
            "year,state,county,share_employed,share_employed_quality",
            "2023,06,037,0.70,1"));
        var losAngelesCounty = await db.GeographyAsync("06037");
        var countyValues = await db.ValuesOfAsync("06037");
        int citiesBefore;
        await using (var context = db.CreateContext())
        {
            citiesBefore = await context.Geographies.CountAsync(g => g.Kind == GeographyKind.City);
        }

        var report = await db.ImportAsync(temp.Write("cities.csv",
            "year,state,place,state_name,place_name,share_employed,share_employed_quality",
            "2023,06,44000,California,Somewhere Else,0.61,1",
            "2023,06,037,California,Test Place,0.55,2",   // place 00037: the digits of county 037, not a listed city
            "2023,06,99999,California,,0.5,1"), new ImportOptions { AcceptPartial = true, UserName = "test" });
        Assert.Equal("City", report.GeographyKind);
        Assert.Equal((3, 2), (report.RowsRead, report.RowsRejected));
        Assert.Equal(2, report.RejectionCounts[RejectionReason.UnknownPlace]);
        Assert.Contains(report.Problems, p => p.Message.Contains("0600037 is not among the cities this dashboard lists", StringComparison.Ordinal));

        var la = await db.GeographyAsync("0644000", GeographyKind.City);
        Assert.Equal(("Los Angeles city", "CA"), (la.Name, la.StateAbbr));
        Assert.Equal(new StoredValue(0.61, null, null, DataQuality.Strong, null), (await db.ValuesOfAsync("0644000", GeographyKind.City)).Values.Single());

        // The county is as it was: same row, same name, same single value; no city was made.
        var countyAfter = await db.GeographyAsync("06037");
        Assert.Equal((losAngelesCounty.Id, losAngelesCounty.Name, GeographyKind.County), (countyAfter.Id, countyAfter.Name, countyAfter.Kind));
        Assert.Equal(countyValues, await db.ValuesOfAsync("06037"));
        await using var after = db.CreateContext();
        Assert.Equal(citiesBefore, await after.Geographies.CountAsync(g => g.Kind == GeographyKind.City));
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
