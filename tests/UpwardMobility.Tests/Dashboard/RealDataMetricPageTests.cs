using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>The metric and pillar pages over real Urban files (see <see cref="RealDataApp"/>), checked against the files.</summary>
public sealed class RealDataMetricPageTests(RealDataApp app) : IClassFixture<RealDataApp>
{
    private const string LosAngeles = "06037";
    private const string Page = "/counties/06037/metrics/share_employed";

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<MetricCsvRows> CsvAsync(string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return MetricCsvRows.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Table(string html, string id) =>
        Regex.Match(html, $"<table class=\"data-table\" id=\"{id}\">.*?</table>", RegexOptions.Singleline).Value;

    private static void AssertMatches(string pattern, string text) =>
        Assert.True(Regex.IsMatch(text, pattern), $"Pattern {pattern} not found in: {text}");

    private static string Count(int n) => n.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Distribution_places_the_county_among_every_county_of_the_file()
    {
        var all = app.WholePopulation("share_employed", 2021);
        var county = all[LosAngeles].Value!.Value;
        var below = all.Values.Count(v => v.Value < county);
        // Ranked among the values that are not Weak (docs/methods.md), as the rankings page ranks them.
        var ranked = all.Where(kv => kv.Value.Quality != DataQuality.Weak).ToDictionary();
        var rankedBelow = ranked.Values.Count(v => v.Value < county);
        var higher = ranked.Values.Count(v => v.Value > county);
        var tied = ranked.Values.Count(v => v.Value == county) - 1;
        var california = ranked.Where(kv => kv.Key.StartsWith("06", StringComparison.Ordinal)).Select(kv => kv.Value.Value!.Value).ToList();
        var californiaHigher = california.Count(v => v > county);
        Assert.True(all.Count > 3000 && ranked.Count > 900 && ranked.Count < all.Count && california.Count > 30);
        // Ranked in the middle of both pools, so the sentence is the plain rank (a Weak value would not be ranked).
        Assert.NotEqual(DataQuality.Weak, all[LosAngeles].Quality);
        Assert.True(higher > 0 && below > 0 && californiaHigher > 0 && california.Count(v => v < county) > 0);

        var (status, html) = await GetAsync(Page + "?year=2021");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<div class=\"chart js-chart\" id=\"distribution-chart\" data-figure=", html, StringComparison.Ordinal);
        Assert.Contains("\"barmode\":\"stack\"", html, StringComparison.Ordinal);
        Assert.Contains($"is higher than {Count(below)} of the other {Count(all.Count - 1)} US counties", html, StringComparison.Ordinal);
        // Tie-aware rank words (issue 13): the rank is 1 + the counties strictly better, the share counts the ones
        // strictly worse among the others, and ties are said.
        var tiedWords = tied switch { 0 => "", 1 => ", tied with 1 other county", _ => $", tied with {Count(tied)} other counties" };
        var share = (int)Math.Round(100.0 * rankedBelow / (ranked.Count - 1), MidpointRounding.AwayFromZero);
        var words = Regex.Match(html, @"<p class=""distribution-summary"".*?</p>", RegexOptions.Singleline).Value;
        AssertMatches(
            $@"Among all US counties: <span class=""verdict"">ranks {Count(higher + 1)}(st|nd|rd|th)( \(plausibly [^)]+\))? of {Count(ranked.Count)} US counties{Regex.Escape(tiedWords)}[^:]*: better than {share}% of them\.</span>",
            words);
        AssertMatches(
            $@"Within California: <span class=""verdict"">ranks {californiaHigher + 1}(st|nd|rd|th)( \(plausibly [^)]+\))? of {california.Count} California's counties",
            words);
        Assert.DoesNotContain("better than 100%", html, StringComparison.Ordinal);
        var summary = Table(html, "distribution-table");
        Assert.Contains($"<td>{Count(all.Count)}</td>", summary, StringComparison.Ordinal);
        var californiaAll = all.Keys.Count(f => f.StartsWith("06", StringComparison.Ordinal)); // with a value, Weak or not
        Assert.Contains($"<td>{californiaAll}</td>", summary, StringComparison.Ordinal);

        // The CSV's distribution rows are the file's values, one per county.
        var csv = await CsvAsync(Page + ".csv?year=2021");
        var rows = csv.Section("distribution");
        Assert.Equal(all.Count, rows.Count);
        Assert.All(rows, r => UrbanSource.AssertClose(all[r["fips"]].Value, MetricCsvRows.Number(r["value"]), r["fips"]));
        // The histogram's bars count every county once.
        var bins = Regex.Matches(Table(html, "distribution-bins"), @"<td>([\d,]+)</td>\s*<td>([\d,]+)");
        Assert.Equal(all.Count, bins.Sum(m => int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(californiaAll, bins.Sum(m => int.Parse(m.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Default_peers_are_the_californian_counties_closest_in_population()
    {
        var all = app.WholePopulation("share_employed", 2021);
        var csv = await CsvAsync(Page + ".csv?year=2021");
        var peers = csv.Section("peer");

        Assert.Equal(6, peers.Count);
        Assert.Equal(LosAngeles, peers[0]["fips"]);
        var chosen = peers.Skip(1).Select(p => p["fips"]).ToList();
        Assert.All(peers, p => Assert.Equal("California", p["state"]));
        Assert.All(peers, p => UrbanSource.AssertClose(all[p["fips"]].Value, MetricCsvRows.Number(p["value"]), p["fips"]));
        // No Californian county with a value is nearer in population than the farthest peer chosen.
        double Distance(string fips) => Math.Abs(Math.Log(app.Populations[fips]) - Math.Log(app.Populations[LosAngeles]));
        var farthest = chosen.Max(Distance);
        var others = all.Keys.Where(f => f.StartsWith("06", StringComparison.Ordinal) && f != LosAngeles && !chosen.Contains(f));
        Assert.All(others, f => Assert.True(Distance(f) >= farthest, $"{f} is nearer in population than a chosen peer"));

        var (_, html) = await GetAsync(Page + "?year=2021");
        Assert.Contains("Default peers: the counties of California closest to Los Angeles County in population.", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart js-chart\" id=\"peer-chart\" data-figure=", html, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Matches(Table(html, "peer-table"), "<tr class=\"[^\"]*\" data-fips=|<tr data-fips=").Count);
    }

    [Theory]
    [InlineData("11001", 0, 5)] // District of Columbia: one county
    [InlineData("10003", 2, 3)] // Delaware: three counties
    public async Task A_small_state_takes_peers_from_other_states(string fips, int inState, int fromOtherStates)
    {
        var csv = await CsvAsync($"/counties/{fips}/metrics/share_employed.csv?year=2021");
        var peers = csv.Section("peer").Skip(1).ToList();
        var state = csv.Section("peer")[0]["state"];

        Assert.Equal(5, peers.Count);
        Assert.Equal(inState, peers.Count(p => p["state"] == state));
        var (_, html) = await GetAsync($"/counties/{fips}/metrics/share_employed?year=2021");
        Assert.Contains($"and {fromOtherStates} from other states because", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peers_in_the_url_replace_the_defaults_and_bad_codes_are_ignored_with_a_message()
    {
        var query = "?year=2021&peer=06059&peer=abc&peer=99999&peer=48201&peer=06037";
        var (status, html) = await GetAsync(Page + query);

        Assert.Equal(HttpStatusCode.OK, status);
        var table = Table(html, "peer-table");
        Assert.Equal(["06037", "06059", "48201"], Regex.Matches(table, "data-fips=\"(\\d{5})\"").Select(m => m.Groups[1].Value));
        Assert.Contains("Peer “abc” was ignored: a county FIPS code has five digits.", html, StringComparison.Ordinal);
        Assert.Contains("Peer 99999 was ignored: no county has that FIPS code.", html, StringComparison.Ordinal);
        Assert.Contains("Peers chosen for this view.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties/06037/metrics/share_employed?year=2021\" data-enhance-nav=\"false\">Reset to the default peers", html, StringComparison.Ordinal);
        var remove = "href=\"counties/06037/metrics/share_employed?year=2021&peer=48201\" data-enhance-nav=\"false\">Remove<span class=\"visually-hidden\"> Orange County";
        Assert.True(table.Contains(remove, StringComparison.Ordinal), table);
        // The CSV link carries the whole view, and the CSV has the same peers.
        Assert.Contains($"href=\"counties/06037/metrics/share_employed.csv?year=2021&peer=06059&peer=abc&peer=99999&peer=48201&peer=06037\"", html, StringComparison.Ordinal);
        var csv = await CsvAsync(Page + ".csv" + query);
        Assert.Equal(["06037", "06059", "48201"], csv.Section("peer").Select(r => r["fips"]));
        var all = app.WholePopulation("share_employed", 2021);
        UrbanSource.AssertClose(all["48201"].Value, MetricCsvRows.Number(csv.Section("peer")[2]["value"]), "Harris County");

        // Removing the last peer leaves an explicit empty list, not the defaults.
        var (_, none) = await GetAsync(Page + "?year=2021&peer=");
        Assert.Single(Regex.Matches(Table(none, "peer-table"), "data-fips="));
    }

    [Fact]
    public async Task Adding_a_peer_by_name_or_code_leads_to_a_clean_shareable_url()
    {
        using var client = app.Client(followRedirects: false);
        using var byName = await client.GetAsync(Page + "?year=2021&peer=06059&add=Harris%20County%2C%20Texas");
        Assert.Equal(HttpStatusCode.Redirect, byName.StatusCode);
        Assert.EndsWith("/counties/06037/metrics/share_employed?year=2021&peer=06059&peer=48201", byName.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var byCode = await client.GetAsync(Page + "?add=6059");
        Assert.Equal(HttpStatusCode.Redirect, byCode.StatusCode);
        Assert.EndsWith("/counties/06037/metrics/share_employed?peer=06059", byCode.Headers.Location!.ToString(), StringComparison.Ordinal);

        var (_, several) = await GetAsync(Page + "?year=2021&add=Orange");
        Assert.Contains("Several counties match “Orange”", several, StringComparison.Ordinal);
        Assert.Contains("Orange County, California (06059)", several, StringComparison.Ordinal);
        Assert.Contains("Orange County, Florida (12095)", several, StringComparison.Ordinal);

        var (status, nothing) = await GetAsync(Page + "?add=Qqqzzz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No county matches “Qqqzzz”.", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_url_chooses_the_kind_of_group_race_ethnicity_first()
    {
        var (_, html) = await GetAsync(Page + "?year=2021");
        Assert.Contains("Groups of people by race and ethnicity in 2021", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"race-ethnicity\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"gender\">", html, StringComparison.Ordinal);
        Assert.Equal(RealDataApp.RaceRows.Count, Regex.Matches(Table(html, "subgroup-table"), "<tr").Count - 1);

        var query = "?year=2021&subgroup_type=gender";
        var (_, gender) = await GetAsync(Page + query);
        Assert.Contains("Groups of people by gender in 2021", gender, StringComparison.Ordinal);
        var expected = app.Source.Where(kv => kv.Key.Fips == LosAngeles && kv.Key.Metric == "share_employed" && kv.Key.Year == 2021
            && kv.Key.SubgroupType == "gender" && kv.Value.Value is not null).ToList();
        Assert.Equal(2, expected.Count);
        Assert.Contains("href=\"counties/06037/metrics/share_employed.csv?year=2021&subgroup_type=gender\"", gender, StringComparison.Ordinal);
        // The year form keeps the group type.
        Assert.Contains("<input type=\"hidden\" name=\"subgroup_type\" value=\"gender\" />", gender, StringComparison.Ordinal);

        var csv = await CsvAsync(Page + ".csv" + query);
        var rows = csv.Section("subgroup");
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (key, source) in expected)
        {
            var row = Assert.Single(rows, r => r["subgroup"] == key.Subgroup);
            Assert.Equal("gender", row["subgroup_type"]);
            UrbanSource.AssertClose(source.Value, MetricCsvRows.Number(row["value"]), key.Subgroup);
            UrbanSource.AssertClose(source.LowerBound, MetricCsvRows.Number(row["lower_bound"]), key.Subgroup);
        }
        // Trend rows: every year of the file, the county's values.
        var trend = csv.Section("trend");
        Assert.Equal(app.Source.Keys.Where(k => k.Fips == LosAngeles && k.Metric == "share_employed" && k.SubgroupType == "all").Select(k => k.Year).Order(),
            trend.Select(r => short.Parse(r["year"], System.Globalization.CultureInfo.InvariantCulture)));

        var (_, unknown) = await GetAsync(Page + "?year=2021&subgroup_type=income");
        Assert.Contains("No values by income are published for this county and year; showing race-ethnicity instead.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pillar_page_charts_each_metric_of_the_pillar_and_keeps_the_year()
    {
        var (status, html) = await GetAsync("/counties/06037/pillars/rewarding-work?year=2021");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 tabindex=\"-1\">Rewarding Work</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2021\" selected>2021</option>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart js-chart\" id=\"trend-share_employed\" data-figure=", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties/06037/metrics/share_employed?year=2021\"", html, StringComparison.Ordinal);
        var value = app.Source[new ValueKey(LosAngeles, "share_employed", 2021, "all", "All")].Value!.Value;
        Assert.Contains($"<span class=\"metric-value\">{(value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%</span>", html, StringComparison.Ordinal);
        // Only share_employed of this pillar is in the files imported: one chart.
        Assert.Single(Regex.Matches(html, "class=\"chart js-chart\""));
        Assert.Contains("No data published for this county.", html, StringComparison.Ordinal);

        var (_, county) = await GetAsync("/counties/06037?year=2021");
        Assert.Contains("href=\"counties/06037/pillars/rewarding-work?year=2021\" data-enhance-nav=\"false\">Rewarding Work</a>", county, StringComparison.Ordinal);

        var (missing, _) = await GetAsync("/counties/06037/pillars/no-such-pillar");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}

/// <summary>Sentences of the county pages tested against the files: each says only what holds for this place.</summary>
public sealed class CountyPageSentenceTests(RealDataApp app) : IClassFixture<RealDataApp>
{
    /// <summary>Issue 28, item 8: the distribution's sentences read as sentences, with a space between each (the page
    /// read "them. methodCalifornia has …" and "(median 81.8%).Within California").</summary>
    [Fact]
    public async Task The_distribution_summary_keeps_a_space_between_its_sentences()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("/counties/06037/metrics/share_employed?year=2021");
        var summary = Regex.Match(html, "<p class=\"distribution-summary\" id=\"distribution-summary\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        // The text as a browser's textContent gives it: tags removed, nothing added in their place.
        var text = WebUtility.HtmlDecode(Regex.Replace(summary, "<[^>]+>", ""));
        Assert.Contains("California", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"method\S", text);
        Assert.DoesNotMatch(@"[.)][A-Z]", text);
    }

    /// <summary>
    /// The next steps' compare link names how its peers were found. DC has one county, so its peers come from other
    /// states: the note said "nearest in population in District of Columbia", which no peer is.
    /// </summary>
    [Theory]
    [InlineData("39049", "nearest in population in Ohio")]
    [InlineData("11001", "nearest in population in other states (District of Columbia has no other county here)")]
    [InlineData("10003", "nearest in population: 2 in Delaware and 1 from other states")]
    public async Task The_compare_suggestion_says_where_its_peers_come_from(string fips, string note)
    {
        using var client = app.Client();
        var html = await client.GetStringAsync($"/counties/{fips}");
        var span = Regex.Match(html, "<span class=\"next-steps__note\" data-testid=\"compare-note\">(.*?)</span>", RegexOptions.Singleline);
        Assert.True(span.Success, "no compare suggestion on the page");
        var text = WebUtility.HtmlDecode(span.Groups[1].Value);
        Assert.EndsWith(": " + note, text, StringComparison.Ordinal);
        var href = WebUtility.HtmlDecode(Regex.Match(html, "href=\"(compare\\?[^\"]+)\" data-testid=\"compare-this-place\"").Groups[1].Value);
        var peers = href.Split('&').Skip(1).Select(p => p["fips=".Length..]).ToList();
        Assert.Equal(PeerSuggestions.Count, peers.Count);
        var state = fips[..2];
        var expectedOutside = fips switch { "11001" => 3, "10003" => 1, _ => 0 };
        Assert.Equal(expectedOutside, peers.Count(p => p[..2] != state));
        // Peers from other states are named with their state ("Jefferson County, AL"), those of the state without.
        var named = text[..text.IndexOf(": ", StringComparison.Ordinal)].Split(", ").Count(n => n.Length == 2 && n.All(char.IsUpper));
        Assert.Equal(expectedOutside, named);
    }
}
