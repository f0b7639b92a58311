using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Judgement;

/// <summary>
/// The app with the real files behind each example of issue 13: broadband by income (no intervals),
/// residents per physician (Loving County writes 0), poverty exposure (0.0% shared by over a thousand counties),
/// descriptive representation, housing affordability, homelessness counts, and the county populations.
/// </summary>
public abstract class JudgementRealDataApp(DatabaseProvider provider) : TestHost(new() { Provider = provider })
{
    public static readonly string[] Files =
    [
        "components/county-populations.csv",
        "components/digital_access_county_all_longitudinal.csv",
        "subgroups/digital_access_county_income_longitudinal.csv",
        "components/ratio_pop_pcp_metric_all_county.csv",
        "components/poverty-exposure_county.csv",
        "components/descriptive_rep_denominator_county_all.csv",
        "components/housing_county_2014_2015_2016_2017_2018_2019_2021_2022_2023.csv",
        "components/homelessness_all_county.csv",
        "subgroups/transportation_subgroup_county.csv",
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var importer = Get<Core.Import.MetricImportService>();
        foreach (var file in Files)
        {
            await importer.ImportFileAsync(UrbanSource.PathOf(file), Path.GetFileName(file), new Core.Import.ImportOptions { UserName = "fixture", AcceptPartial = true }, null, default);
        }
    }
}

public sealed class PostgresJudgementApp() : JudgementRealDataApp(DatabaseProvider.Postgres);

public sealed class SqliteJudgementApp() : JudgementRealDataApp(DatabaseProvider.Sqlite);

/// <summary>Every example of issue 13 on PostgreSQL and on SQLite: the rules read the same on both providers.</summary>
public sealed class JudgementRealDataTestsOnPostgres(PostgresJudgementApp app) : JudgementRealDataTests(app), IClassFixture<PostgresJudgementApp>;

public sealed class JudgementRealDataTestsOnSqlite(SqliteJudgementApp app) : JudgementRealDataTests(app), IClassFixture<SqliteJudgementApp>;

public abstract class JudgementRealDataTests(JudgementRealDataApp app)
{
    private async Task<string> GetAsync(string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    /// <summary>
    /// Issue 22, item 5: one rank pool everywhere, Weak values out. Baldwin County's digital access in 2023 (Strong)
    /// was ranked among every county's value on its pages (Weak ones too) but among the 1,034 that are not Weak in the
    /// rankings. Counted here from the file itself.
    /// </summary>
    [Fact]
    public async Task A_county_has_one_rank_on_its_pages_the_map_and_the_rankings_among_values_that_are_not_weak()
    {
        var rows = File.ReadLines(UrbanSource.PathOf("components/digital_access_county_all_longitudinal.csv")).Skip(1)
            .Select(l => l.Replace("\"", "", StringComparison.Ordinal).Split(','))
            .Where(c => c[0] == "2023" && c[3].Length > 0 && c[3] != "NA")
            .Select(c => (Fips: c[1] + c[2], Value: double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), Quality: c[4]))
            .ToList();
        var pool = rows.Where(r => r.Quality != "3").ToList();
        var baldwin = rows.Single(r => r.Fips == "01003");
        Assert.Equal("1", baldwin.Quality);
        var rank = 1 + pool.Count(r => r.Value > baldwin.Value);
        var expected = $"ranks {rank:#,##0}";
        var of = $"of {pool.Count:#,##0} US counties";

        var countyPage = Text(await GetAsync("/counties/01003?year=2023"));
        // The county page's row of this measure (its label, then the value and its standing).
        var county = countyPage[countyPage.IndexOf("Definition of Share of households with broadband at home", StringComparison.Ordinal)..];
        var metric = Text(await GetAsync("/counties/01003/metrics/share_digital_access?year=2023"));
        using var client = app.Client();
        var details = await client.GetStringAsync("/map/details.json?metric=share_digital_access&year=2023");
        var standing = System.Text.Json.JsonDocument.Parse(details).RootElement.GetProperty("01003").GetProperty("standing").GetString()!;
        foreach (var (where, text) in new[] { ("county page", county), ("metric page", metric), ("map panel", standing) })
        {
            var words = Regex.Match(text, @"ranks [\d,]+(st|nd|rd|th) (\(plausibly [^)]*\) )?of [\d,]+ US counties");
            Assert.True(words.Success, $"{where}: no rank in the text");
            Assert.True(words.Value.StartsWith(expected, StringComparison.Ordinal) && words.Value.EndsWith(of, StringComparison.Ordinal), $"{where}: {words.Value}, expected {expected} … {of}");
            Assert.StartsWith(expected, words.Value, StringComparison.Ordinal);
            Assert.EndsWith(of, words.Value, StringComparison.Ordinal);
        }
        var rankings = Text(await GetAsync("/rankings?metric=share_digital_access&year=2023"));
        Assert.Contains($"{rows.Count:#,##0} US counties have a value; {pool.Count:#,##0} are ranked.", rankings, StringComparison.Ordinal);
        var csv = await client.GetStringAsync("/rankings.csv?metric=share_digital_access&year=2023&state=01");
        var line = csv.Split('\n').Single(l => l.Contains(",01003,", StringComparison.Ordinal));
        Assert.StartsWith($"{rank},01003,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autaugas_broadband_gap_says_no_interval_is_published()
    {
        var page = Text(await GetAsync("/counties/01001"));
        var gap = Regex.Match(page, @"Share of households with broadband at home \(income\):[^.]*\.[^.]*\.").Value;
        Assert.Contains("$50,000 or More", gap, StringComparison.Ordinal);
        Assert.Contains("no confidence interval published: cannot tell whether this difference is real", page, StringComparison.Ordinal);
        Assert.DoesNotContain("intervals overlap", gap, StringComparison.Ordinal);

        var metric = Text(await GetAsync("/counties/01001/metrics/share_digital_access"));
        Assert.Contains("no confidence interval published: cannot tell whether this difference is real", metric, StringComparison.Ordinal);
        Assert.DoesNotContain("Within the uncertainty: the 95% intervals overlap", metric, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loving_County_has_no_primary_care_physician_never_the_best()
    {
        var html = await GetAsync("/counties/48301/metrics/ratio_population_pc_physician?year=2021");
        var page = Text(html);
        Assert.Contains("no primary care physician", page, StringComparison.Ordinal);
        Assert.DoesNotContain("better than 100%", page, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00", page, StringComparison.Ordinal);
        // A sentence, not "It is no primary care physician: …".
        Assert.Contains("It is not compared with the US benchmark (population-weighted median of counties): no primary care physician.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("It is no primary care physician", page, StringComparison.Ordinal);

        // The trend draws no point at 0 (it would sit below every county, "better" than all on a lower-is-better
        // scale): the years without a physician are left out of the county's line, and the caption says so.
        var figure = Regex.Match(html, "id=\"trend-chart\" data-figure=\"(.*?)\"></div>", RegexOptions.Singleline);
        Assert.True(figure.Success, "the trend chart is on the page");
        using var json = System.Text.Json.JsonDocument.Parse(figure.Groups[1].Value);
        var line = json.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Loving County");
        var years = line.GetProperty("x").EnumerateArray().Select(x => x.GetInt32()).ToList();
        var values = line.GetProperty("y").EnumerateArray().ToList();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, values[years.IndexOf(2021)].ValueKind);
        Assert.DoesNotContain(values, v => v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() == 0);
        Assert.Contains("Years with no primary care physician are not drawn", page, StringComparison.Ordinal);
        var county = Text(await GetAsync("/counties/48301"));
        Assert.Contains("no primary care physician: not ranked", county, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poverty_exposure_ties_are_named_as_ties()
    {
        // Autauga's 0.0% in the latest year is shared by more than a thousand counties.
        var page = Text(await GetAsync("/counties/01001/metrics/share_poverty_exposure"));
        var tie = Regex.Match(page, @"among the ([\d,]+) US counties tied at 0\.0%");
        Assert.True(tie.Success, "the tie is named");
        Assert.True(int.Parse(tie.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) > 1000);
        Assert.DoesNotContain("better than 100%", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Descriptive_representation_is_the_residents_share_with_no_parity_words()
    {
        var page = Text(await GetAsync("/counties/06037/metrics/share_desc_rep_hispanic"));
        Assert.Contains("Residents who are Hispanic", page, StringComparison.Ordinal);
        Assert.Contains("must come from local sources", page, StringComparison.Ordinal);
        Assert.DoesNotContain("below parity", page, StringComparison.Ordinal);
        Assert.DoesNotContain("above parity", page, StringComparison.Ordinal);
        Assert.Contains("Context: neither higher nor lower is better", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Los_Angeles_affordable_units_read_per_100_households()
    {
        var page = Text(await GetAsync("/counties/06037/metrics/share_affordable_available_30_ami"));
        Assert.Matches(@"\d+ per 100 households", page);
    }

    [Fact]
    public async Task Compare_never_calls_a_county_best_on_a_count()
    {
        var html = await GetAsync("/compare?fips=01001&fips=06037");
        var row = Regex.Match(html, "<tr data-metric=\"count_homeless\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(row);
        Assert.DoesNotContain("Best", row, StringComparison.Ordinal);
        Assert.DoesNotContain("compare-cell--best", row, StringComparison.Ordinal);
        Assert.Contains("a count, which depends on the county's size, so not judged", Text(row), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neighbourhood_groups_are_shown_as_groups_of_neighbourhoods()
    {
        var page = Text(await GetAsync("/counties/06037/metrics/share_transit_commuter"));
        Assert.Contains("Groups of neighbourhoods by racial composition", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Groups of people by race", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_of_fifty_counties_claims_what_the_data_cannot_support()
    {
        using var client = app.Client();
        // One county per state (its first), then the largest until fifty: every state is in the sample.
        var states = Core.Geographies.UsStates.All.Select(s => s.Fips).ToList();
        var sample = states.Select(s => s + "001").Take(50).ToList();
        foreach (var fips in sample)
        {
            using var response = await client.GetAsync("/counties/" + fips);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var page = Text(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
            Assert.DoesNotContain("better than 100%", page, StringComparison.Ordinal);
            Assert.DoesNotContain("better than 0%", page, StringComparison.Ordinal);
            foreach (Match gap in Regex.Matches(page, @"\(income\):[^.]*\.[^.]*\."))
            {
                Assert.DoesNotContain("intervals overlap", gap.Value, StringComparison.Ordinal);
            }
        }
    }
}
