using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>Urban's "recent" file: no year column, ratios written a:b with percentages, group quality flags, old names.</summary>
public class RecentFileTests
{
    private static string RecentPath => UrbanSource.PathOf(UrbanSource.RecentFile);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Recent_file_is_rejected_without_a_year_and_imported_with_one(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        var before = await db.SnapshotAsync();

        var refused = await db.ImportAsync(RecentPath);
        Assert.Equal(ImportOutcome.Failed, refused.Outcome);
        Assert.Contains("no 'year' column", refused.FatalError);
        Assert.Contains("Give the year explicitly", refused.FatalError);
        Assert.Null(refused.ImportId);
        (await db.SnapshotAsync()).AssertSameAs(before);
        Assert.Empty(await db.History.ListAsync());

        var report = await db.ImportCleanlyAsync(RecentPath, new ImportOptions { Year = 2024 });
        Assert.Equal(3143, report.RowsRead);
        Assert.Empty(report.UnknownColumns);
        // pctl_income_quality flags all three percentiles, but each has its own flag (pctl_20_quality…) in this file.
        Assert.Contains(report.Warnings, w => w.Contains("'pctl_income_quality'"));
        var expected = UrbanSource.ReadValues(UrbanSource.RecentFile, year: 2024);
        Assert.Equal(expected.Count, report.ValuesInserted);
        Assert.Equal(expected.Count, await db.CountValuesAsync());

        using (var context = db.CreateContext())
        {
            Assert.Equal(2024, Assert.Single(context.Imports).YearOverride);
            Assert.All(context.MetricValues.Select(v => v.Year).Distinct().ToList(), y => Assert.Equal(2024, y));
        }

        // Every value of a few counties, against the file.
        var counties = new HashSet<string> { "01001", "35013", "06037", "09110", "23003", "06003" };
        foreach (var fips in counties)
        {
            var stored = await db.ValuesOfAsync(fips);
            var mine = expected.Where(e => e.Key.Fips == fips).ToDictionary();
            Assert.Equal(mine.Keys.ToHashSet(), stored.Keys.ToHashSet());
            foreach (var (key, source) in mine)
            {
                UrbanSource.AssertMatches(source, stored[key], $"{key} (line {source.Line})");
            }
        }

        // Autauga, written out: old names mapped, group quality flags, a:b values.
        Assert.Equal(new StoredValue(0.963386, 0.8427844, 1.0839876, DataQuality.Strong, null), await db.ValueAsync("01001", "rate_learning", 2024));
        Assert.Equal(new StoredValue(0.39991519, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "share_meps20_black", 2024)); // meps20_black
        Assert.Equal(new StoredValue(0.2997214, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "share_debt_coll", 2024)); // share_debt_col
        Assert.Equal(new StoredValue(28508.643416918036, null, null, DataQuality.Weak, null), await db.ValueAsync("01001", "pctl_income_20", 2024)); // pctl_20_quality
        Assert.Equal(new StoredValue(2.09186, null, null, DataQuality.Marginal, null), await db.ValueAsync("01001", "share_affordable_30_ami", 2024)); // share_affordable_quality
        Assert.Equal(new StoredValue(57, 57, 57, DataQuality.Strong, null), await db.ValueAsync("01001", "count_homeless", 2024));
        Assert.Equal(new StoredValue(0.0062500001, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "share_homeless", 2024)); // homeless_quality
        Assert.Equal(new StoredValue(18, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "index_air_hazard", 2024)); // index_air_quality
        Assert.Equal(new StoredValue(1047.704241296546, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "rate_crime_violent", 2024)); // rate_violent_crime, rate_crime_quality
        Assert.Equal(new StoredValue(0.5985726, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "ratio_living_wage", 2024)); // ratio_average_to_living_wage
        Assert.Equal(new StoredValue(0.04170744689984375, null, null, DataQuality.Unknown, null), await db.ValueAsync("01001", "share_desc_rep_other", 2024)); // share_desc_rep_asian_other
        Assert.Equal(new StoredValue(0, null, null, DataQuality.Strong, null), await db.ValueAsync("01001", "share_poverty_exposure", 2024));
        Assert.Equal(new StoredValue(0.10317565, 0.099224299, 0.107127, DataQuality.Weak, null), await db.ValueAsync("01001", "share_low_birth_weight", 2024));

        var physicians = await db.ValueAsync("01001", "ratio_population_pc_physician", 2024);
        Assert.Equal(new StoredValue(2235, null, null, DataQuality.Strong, "2235:1"), physicians);
        var houseValue = await db.ValueAsync("01001", "ratio_black_nh_house_value_households", 2024);
        Assert.Equal("20.8%:27.5%", houseValue.ValueText);
        Assert.Equal(20.8 / 27.5, houseValue.Value!.Value, 12);
        Assert.Equal(DataQuality.Weak, houseValue.Quality);

        // 0.1%:0.0% (Aroostook, line 1181) and 0.0%:0.0% (Alpine, line 190): no ratio, the text kept, the row not rejected.
        Assert.Equal(new StoredValue(null, null, null, DataQuality.Weak, "0.1%:0.0%"), await db.ValueAsync("23003", "ratio_black_nh_house_value_households", 2024));
        Assert.Equal(new StoredValue(null, null, null, DataQuality.Weak, "0.0%:0.0%"), await db.ValueAsync("06003", "ratio_black_nh_house_value_households", 2024));
        Assert.Equal(new StoredValue(882, null, null, DataQuality.Strong, "882:1"), await db.ValueAsync("23003", "ratio_population_pc_physician", 2024));

        // Doña Ana (UTF-8 here) keeps its name.
        Assert.Equal("Doña Ana County", (await db.GeographyAsync("35013")).Name);
        Assert.Equal(new StoredValue(1604, null, null, DataQuality.Strong, "1604:1"), await db.ValueAsync("35013", "ratio_population_pc_physician", 2024));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_year_given_for_a_file_with_a_year_column_is_not_used(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider);
        using var temp = new TempFolder();
        var file = temp.Write("with_year.csv", "year,state,county,share_employed", "2021,01,001,0.7");
        var report = await db.ImportCleanlyAsync(file, new ImportOptions { Year = 2024 });
        Assert.Contains(report.Warnings, w => w.Contains("2024") && w.Contains("not used"));
        Assert.Equal(0.7, (await db.ValueAsync("01001", "share_employed", 2021)).Value);
        Assert.Equal(1, await db.CountValuesAsync());
    }
}
