using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Tests.Dashboard;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Phone;

/// <summary>Sharing over HTTP with real data: copy-link on every page, the CSV downloads, and the embeddable frames.</summary>
public sealed partial class ShareHttpTests(PhoneApp app) : IClassFixture<PhoneApp>
{
    private const string GenderFile = "released/16_mobility-metrics_county_gender_longitudinal.csv";

    public static TheoryData<string> PublicPages =>
    [
        "/",
        "/counties",
        "/counties/06037?year=2021",
        "/counties/06037/pillars/rewarding-work?year=2021",
        "/counties/06037/metrics/share_employed?year=2021&subgroup_type=gender",
        "/map?metric=share_employed&year=2021",
        "/rankings?metric=share_employed&year=2021&state=06",
        "/compare?fips=06037&fips=17031&year=2021",
        "/counties/06037/plan",
        "/account/sign-in",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_page_has_a_copy_link_to_its_own_view_and_refuses_to_be_framed(string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var link = CopyLink().Match(html);
        Assert.True(link.Success, $"{path}: no copy-link control");
        var expected = path == "/" ? "./" : path.TrimStart('/');
        Assert.Equal(expected, WebUtility.HtmlDecode(link.Groups[1].Value));
        AssertNotFrameable(response, path);
    }

    [Fact]
    public async Task Signed_in_pages_refuse_to_be_framed_too()
    {
        var client = await app.SignedInClientAsync();
        foreach (var path in new[] { "/import", "/import/history", "/admin", "/admin/users", "/counties/06037/plan/edit" })
        {
            using var response = await client.GetAsync(path.TrimStart('/'));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertNotFrameable(response, path);
            Assert.Contains("data-testid=\"copy-link\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_county_page_links_its_csv_which_answers()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("counties/06037");
        Assert.Contains("href=\"counties/06037/data.csv\"", html, StringComparison.Ordinal);
        using var csv = await client.GetAsync("counties/06037/data.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var rows = MetricCsvRows.Parse(await csv.Content.ReadAsStringAsync()).Rows;
        var source = UrbanSource.ReadValues(GenderFile, new HashSet<string> { "06037" });
        Assert.True(rows.Count >= source.Count(kv => kv.Value.Value is not null), $"{rows.Count} rows");
    }

    [Fact]
    public async Task The_compare_csv_holds_what_the_page_shows_with_the_same_judgements()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("compare?fips=06037&fips=17031&fips=48201&year=2021");
        Assert.Contains("href=\"compare.csv?fips=06037&amp;fips=17031&amp;fips=48201&amp;year=2021\"", html, StringComparison.Ordinal);
        using var response = await client.GetAsync("compare.csv?fips=06037&fips=17031&fips=48201&year=2021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("compare-06037-17031-48201-2021.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var rows = MetricCsvRows.Parse(await response.Content.ReadAsStringAsync()).Rows;

        var employed = rows.Where(r => r["metric"] == "share_employed").ToList();
        Assert.Equal(["06037", "17031", "48201"], employed.Select(r => r["fips"]));
        Assert.Equal(["true", "false", "false"], employed.Select(r => r["is_reference"]));
        var source = UrbanSource.ReadValues(GenderFile, new HashSet<string> { "06037", "17031", "48201" })
            .Where(kv => kv.Key.Year == 2021).ToList();
        var reference = employed[0];
        foreach (var row in employed)
        {
            Assert.Equal("2021", row["year"]);
            var expected = source.Single(kv => kv.Key.Fips == row["fips"] && kv.Key.Metric == "share_employed" && kv.Key.SubgroupType == "all").Value;
            UrbanSource.AssertClose(expected.Value, MetricCsvRows.Number(row["value"]), row["fips"]);
            UrbanSource.AssertClose(expected.LowerBound, MetricCsvRows.Number(row["lower_bound"]), row["fips"] + " lower");
            if (row["is_reference"] == "false")
            {
                UrbanSource.AssertClose(expected.Value - MetricCsvRows.Number(reference["value"]), MetricCsvRows.Number(row["difference_from_reference"]), row["fips"] + " difference");
                var overlap = expected.LowerBound <= MetricCsvRows.Number(reference["upper_bound"]) && MetricCsvRows.Number(reference["lower_bound"]) <= expected.UpperBound;
                Assert.Equal(overlap ? "within uncertainty (intervals overlap)" : "real difference (intervals do not overlap)", row["difference_judged"]);
            }
        }
        // Every measure of the page, for every county: those with values have a row each, those with none for any of the
        // places are named together in one row per pillar (issue 28).
        var measures = Regex.Matches(html, "<tr data-metric=\"([^\"]+)\"|data-empty-metric=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.Equal(measures.Count * 3, rows.Count);
        Assert.Equal(measures.Order(StringComparer.Ordinal), rows.Select(r => r["metric"]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_map_csv_lists_every_county_of_the_view_and_says_which_are_drawn()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("map?metric=share_employed&year=2021");
        Assert.Contains("href=\"map.csv?metric=share_employed&amp;year=2021\"", html, StringComparison.Ordinal);
        using var response = await client.GetAsync("map.csv?metric=share_employed&year=2021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = MetricCsvRows.Parse(await response.Content.ReadAsStringAsync()).Rows;
        var source = UrbanSource.ReadValues(GenderFile)
            .Where(kv => kv.Key.Year == 2021 && kv.Key.Metric == "share_employed" && kv.Key.SubgroupType == "all" && kv.Value.Value is not null)
            .ToDictionary(kv => kv.Key.Fips, kv => kv.Value);
        Assert.Equal(source.Keys.Order(StringComparer.Ordinal), rows.Select(r => r["fips"]));
        Assert.All(rows, r => UrbanSource.AssertClose(source[r["fips"]].Value, MetricCsvRows.Number(r["value"]), r["fips"]));
        // The counties listed beside the map are those the CSV says are not drawn.
        var shapeless = Regex.Matches(html, "<tr data-fips=\"(\\d{5})\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(shapeless, rows.Where(r => r["on_map"] == "false").Select(r => r["fips"]));

        using var state = await client.GetAsync("map.csv?metric=share_employed&year=2021&state=06");
        var california = MetricCsvRows.Parse(await state.Content.ReadAsStringAsync()).Rows;
        Assert.Equal(source.Keys.Count(f => f.StartsWith("06", StringComparison.Ordinal)), california.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("map.csv?metric=no_such_metric")).StatusCode);
    }

    public static TheoryData<string, string> EmbedRoutes => new()
    {
        { "/embed/counties/06037/metrics/share_employed/trend?year=2021", "id=\"trend-chart\"" },
        { "/embed/counties/06037/metrics/share_employed/subgroups?year=2021&subgroup_type=gender", "id=\"subgroup-chart\"" },
        { "/embed/map?metric=share_employed&year=2021", "id=\"county-map\"" },
    };

    [Theory]
    [MemberData(nameof(EmbedRoutes))]
    public async Task Embed_routes_answer_may_be_framed_and_show_nothing_of_the_signed_in_user(string path, string chart)
    {
        using var anonymous = app.Client();
        using var response = await anonymous.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"), $"{path}: X-Frame-Options forbids framing");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(chart, html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-header", html, StringComparison.Ordinal);

        var signedIn = await app.SignedInClientAsync();
        var asAdmin = await signedIn.GetStringAsync(path.TrimStart('/'));
        Assert.DoesNotContain(PhoneApp.AdminEmail, asAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", asAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", asAdmin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metric_page_offers_embed_snippets_for_its_trend_and_groups_and_the_map_page_for_the_map()
    {
        using var client = app.Client();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("counties/06037/metrics/share_employed?year=2021&subgroup_type=gender"));
        Assert.Contains($"<iframe src=\"{app.Address}/embed/counties/06037/metrics/share_employed/trend?year=2021\"", html, StringComparison.Ordinal);
        Assert.Contains($"<iframe src=\"{app.Address}/embed/counties/06037/metrics/share_employed/subgroups?year=2021&amp;subgroup_type=gender\"", html, StringComparison.Ordinal);
        var map = WebUtility.HtmlDecode(await client.GetStringAsync("map?metric=share_employed&year=2021"));
        Assert.Contains($"<iframe src=\"{app.Address}/embed/map?metric=share_employed&amp;year=2021\"", map, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("embed/counties/99999/metrics/share_employed/trend")).StatusCode);
    }

    private static void AssertNotFrameable(HttpResponseMessage response, string path)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) && !csp.Contains("frame-ancestors *", StringComparison.Ordinal), $"{path}: {csp}");
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var values) && values.Single() == "DENY", $"{path}: X-Frame-Options is not DENY");
    }

    [GeneratedRegex("<a class=\"copy-link__link js-copy-link\" href=\"([^\"]*)\" data-testid=\"copy-link\" data-enhance-nav=\"false\"")]
    private static partial Regex CopyLink();
}
