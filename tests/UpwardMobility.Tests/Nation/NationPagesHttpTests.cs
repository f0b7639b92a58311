using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>The map data, rankings, comparison and peer groups over HTTP, against real files imported into PostgreSQL.</summary>
public sealed partial class NationPagesHttpTests(NationWebApp web) : IClassFixture<NationWebApp>
{
    private static readonly Lazy<Dictionary<ValueKey, SourceValue>> Employment =
        new(() => UrbanSource.ReadValues(NationWebApp.EmploymentFile, year: null));

    private static readonly Lazy<Dictionary<ValueKey, SourceValue>> BirthWeight =
        new(() => UrbanSource.ReadValues(NationWebApp.BirthWeightFile, year: null));

    private static List<(string Fips, SourceValue Value)> CountyValues(Dictionary<ValueKey, SourceValue> source, string metric, short year) =>
        source.Where(kv => kv.Key.Metric == metric && kv.Key.Year == year && kv.Key.SubgroupType == Subgroups.AllType && kv.Value.Value is not null)
            .Select(kv => (kv.Key.Fips, kv.Value))
            .ToList();

    [Fact]
    public async Task Unknown_metric_or_subgroup_is_named_and_the_default_shown()
    {
        using var client = web.Client();
        var html = await client.GetStringAsync("map?metric=no_such_metric");
        Assert.Contains("There is no measure called “no_such_metric”", html, StringComparison.Ordinal);
        var rankings = await client.GetStringAsync("rankings?metric=share_employed&subgroup=Martians");
        Assert.Contains("“Martians” is not published for this measure", rankings, StringComparison.Ordinal);
        var badState = WebUtility.HtmlDecode(await client.GetStringAsync("map?metric=share_employed&year=2023&state=ZZ"));
        Assert.Contains("There is no state “ZZ”", badState, StringComparison.Ordinal);
        var badYear = WebUtility.HtmlDecode(await client.GetStringAsync("rankings?metric=share_employed&year=1990&size=huge"));
        Assert.Contains("No values are published for 1990 on this measure: showing 2023", badYear, StringComparison.Ordinal);
        Assert.Contains("There is no population size “huge”", badYear, StringComparison.Ordinal);
        using var response = await client.GetAsync("map/map.svg?metric=no_such_metric");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Rankings_csv_filters_by_state_and_sorts_by_value_like_the_file()
    {
        using var client = web.Client();
        var csv = await client.GetStringAsync("rankings.csv?metric=share_employed&year=2023&state=06&sort=value&dir=desc");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("rank,fips,county,state,metric,year,", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var expected = CountyValues(Employment.Value, "share_employed", 2023).Where(e => e.Fips.StartsWith("06", StringComparison.Ordinal))
            // Weak values are listed but not ranked: after the ranked ones (docs/methods.md).
            .OrderBy(e => e.Value.Quality == Core.Metrics.DataQuality.Weak).ThenByDescending(e => e.Value.Value).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("06", r[1], StringComparison.Ordinal));
        Assert.Equal(expected.Select(e => e.Fips), rows.Select(r => r[1]));
        Assert.Equal(expected[0].Value.Value!.Value, double.Parse(rows[0][8], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public async Task Lower_is_better_ranks_the_lowest_rate_first_nationally()
    {
        using var client = web.Client();
        var csv = await client.GetStringAsync("rankings.csv?metric=share_low_birth_weight&year=2023");
        var rows = csv.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        var expected = CountyValues(BirthWeight.Value, "share_low_birth_weight", 2023);
        // Weak values are listed but not ranked (docs/methods.md): the rank column is empty for them.
        var ranked = expected.Where(e => e.Value.Quality != Core.Metrics.DataQuality.Weak).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(ranked.Count, rows.Count(r => r[0].Length > 0 && r[0] != "0"));
        var lowest = ranked.Min(e => e.Value.Value!.Value);
        Assert.Equal("1", rows[0][0]);
        Assert.Equal(lowest, double.Parse(rows[0][8], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public async Task Rankings_page_is_paged_sortable_and_filters_by_size()
    {
        using var client = web.Client();
        var first = await client.GetStringAsync("rankings?metric=share_employed&year=2023");
        Assert.Equal(50, Regex.Matches(first, "<tr data-fips=").Count);
        Assert.Contains("aria-sort=\"ascending\"", first, StringComparison.Ordinal);
        var second = await client.GetStringAsync("rankings?metric=share_employed&year=2023&page=2");
        Assert.Matches("<tr data-fips=\"\\d{5}\"[^>]*>\\s*<td class=\"number\">5[01]</td>", second);

        var large = await client.GetStringAsync("rankings.csv?metric=share_employed&year=2023&size=1m-plus");
        var populations = large.TrimEnd('\n').Split('\n').Skip(1).Select(l => long.Parse(l.Split(',')[14], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(populations);
        Assert.All(populations, p => Assert.True(p >= 1_000_000));
    }

    [Fact]
    public async Task Compare_marks_differences_within_and_beyond_the_uncertainty_in_a_constructed_case()
    {
        using var client = web.Client();
        var html = await client.GetStringAsync($"compare?fips=01001&fips=01003&fips=01005&year={NationWebApp.ConstructedYear}");
        var row = Regex.Match(html, "<tr data-metric=\"share_employed\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("data-fips=\"01001\" data-difference=\"none\"", row);
        Assert.Matches("data-fips=\"01003\" data-difference=\"within-uncertainty\"", row);
        Assert.Matches("data-fips=\"01005\" data-difference=\"meaningful\"", row);
        Assert.Matches("class=\"compare-cell--best\" data-fips=\"01005\"", row);
        // 01001 is the lowest, but within 01003's uncertainty: not named the worst.
        Assert.DoesNotContain("compare-cell--worst", row, StringComparison.Ordinal);
        Assert.Contains("Best</strong> of these", row, StringComparison.Ordinal);

        // The page opens with the summary, from the reference's side, before the table; each caveat said once.
        var summary = html.IndexOf("id=\"compare-summary\"", StringComparison.Ordinal);
        Assert.InRange(summary, 0, html.IndexOf("id=\"compare-table\"", StringComparison.Ordinal));
        Assert.Contains("Employment-to-population ratio, ages 25 to 54: Autauga County, AL is lower than in Barbour County, AL (worse), beyond the uncertainty.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Baldwin County, AL (worse)", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "the two 95% confidence intervals overlap"));
        Assert.DoesNotContain("cannot tell whether this difference is real", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_names_a_best_of_these_only_clear_of_every_other_value_by_the_published_intervals()
    {
        using var client = web.Client();
        string[] fips = ["01001", "35013", "06037", "17031", "48201", "04013"];
        var html = await client.GetStringAsync($"compare?{string.Join("&", fips.Select(f => "fips=" + f))}&year=2023");
        var row = Regex.Match(html, "<tr data-metric=\"share_employed\">.*?</tr>", RegexOptions.Singleline).Value;
        var values = fips.ToDictionary(f => f, f => Employment.Value[new ValueKey(f, "share_employed", 2023, Subgroups.AllType, Subgroups.All)]);
        // From the file: the highest value, and whether its interval is clear of every other county's.
        var top = values.MaxBy(v => v.Value.Value!.Value);
        var clear = values.Where(v => v.Key != top.Key).All(v => v.Value.UpperBound < top.Value.LowerBound)
            && top.Value.Quality != DataQuality.Weak;
        Assert.Equal(clear, Regex.IsMatch(row, $"class=\"compare-cell--best\" data-fips=\"{top.Key}\""));
        Assert.Equal(clear ? 1 : 0, Regex.Matches(row, "compare-cell--best").Count);
        // Every "best" on the page is clear of every other value, so of the reference's too: never "within" it.
        foreach (Match best in Regex.Matches(html, @"<td class=""compare-cell--best""[^>]*data-mark=""(\w+)"""))
        {
            Assert.Equal("beyond", best.Groups[1].Value);
        }
    }

    [Fact]
    public async Task Compare_judges_real_values_by_their_published_intervals()
    {
        using var client = web.Client();
        var html = await client.GetStringAsync("compare?fips=01001&fips=35013&fips=06037&year=2023");
        var row = Regex.Match(html, "<tr data-metric=\"share_employed\">.*?</tr>", RegexOptions.Singleline).Value;
        var a = Employment.Value[new ValueKey("01001", "share_employed", 2023, Subgroups.AllType, Subgroups.All)];
        foreach (var fips in new[] { "35013", "06037" })
        {
            var b = Employment.Value[new ValueKey(fips, "share_employed", 2023, Subgroups.AllType, Subgroups.All)];
            var overlap = a.LowerBound <= b.UpperBound && b.LowerBound <= a.UpperBound;
            Assert.Matches($"data-fips=\"{fips}\" data-difference=\"{(overlap ? "within-uncertainty" : "meaningful")}\"", row);
        }
    }

    [Fact]
    public async Task Compare_adds_a_county_by_name_and_reports_bad_codes()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(web.Address + "/") };
        using var response = await client.GetAsync("compare?fips=01001&add=Los+Angeles");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("compare?fips=01001&fips=06037", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        var html = await client.GetStringAsync("compare?fips=01001&fips=99999&fips=abc");
        Assert.Contains("No county or city has the code 99999.", html, StringComparison.Ordinal);
        Assert.Contains("Not county or city codes, so left out: abc.", html, StringComparison.Ordinal);
        Assert.Contains("Add at least one more county to compare.", html, StringComparison.Ordinal);
        var badYear = WebUtility.HtmlDecode(await client.GetStringAsync("compare?fips=01001&fips=06037&year=soon"));
        Assert.Contains("“soon” is not a year: showing each measure's latest year.", badYear, StringComparison.Ordinal);
        var tooMany = await client.GetStringAsync("compare?fips=01001&fips=01003&fips=01005&fips=01007&fips=01009&fips=01011&fips=01013");
        Assert.Contains("showing the first 6", tooMany, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_users_keep_peer_groups_in_their_account_and_only_they_see_them()
    {
        await web.CreateUserAsync("peer-owner@example.org", Roles.Planner);
        await web.CreateUserAsync("peer-other@example.org", Roles.Analyst);
        using var owner = await SignedInAsync("peer-owner@example.org");
        using var other = await SignedInAsync("peer-other@example.org");

        using var saved = await PostPeerGroupAsync(owner, "compare?fips=01001&fips=06037", "Sun belt", ["01001", "06037"]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("saved=Sun%20belt", saved.Headers.Location!.ToString(), StringComparison.Ordinal);

        var page = await owner.GetStringAsync("rankings?metric=share_employed&year=2023");
        Assert.Contains("data-peer-group=\"Sun belt\"", page, StringComparison.Ordinal);
        Assert.Contains("compare?fips=01001&amp;fips=06037", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sun belt", await other.GetStringAsync("rankings?metric=share_employed&year=2023"), StringComparison.Ordinal);

        using var bad = await PostPeerGroupAsync(owner, "compare?fips=01001", "Broken", ["01001", "99999"]);
        Assert.Contains("peer_error=No%20county%20has%20the%20code%2099999.", bad.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var unnamed = await PostPeerGroupAsync(owner, "compare?fips=01001", " ", ["01001"]);
        Assert.Contains("peer_error=Give%20the%20peer%20group%20a%20name.", unnamed.Headers.Location!.ToString(), StringComparison.Ordinal);

        var id = PeerGroupIdPattern().Match(page).Groups[1].Value;
        using var stolen = await PostDeleteAsync(other, id);
        Assert.Contains("peer_error=", stolen.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("data-peer-group=\"Sun belt\"", await owner.GetStringAsync("compare"), StringComparison.Ordinal);
        using var deleted = await PostDeleteAsync(owner, id);
        Assert.DoesNotContain("peer_error=", deleted.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("data-peer-group=\"Sun belt\"", await owner.GetStringAsync("compare"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peer_group_forms_refuse_anonymous_posts_and_offsite_return_urls()
    {
        using var anonymous = Client();
        using var response = await anonymous.PostAsync("/peer-groups", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "x", ["fips"] = "01001" }));
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.BadRequest, $"got {response.StatusCode}");
        Assert.DoesNotContain("saved=", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("/compare", Web.PeerGroups.PeerGroupEndpoints.SafeReturnPath("https://evil.example/"));
        Assert.Equal("/compare", Web.PeerGroups.PeerGroupEndpoints.SafeReturnPath("//evil.example/"));
        Assert.Equal("/compare", Web.PeerGroups.PeerGroupEndpoints.SafeReturnPath("/\\evil.example/"));
        Assert.Equal("/rankings?metric=x", Web.PeerGroups.PeerGroupEndpoints.SafeReturnPath("rankings?metric=x"));
    }

    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(web.Address + "/"),
        };

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Client();
        using var response = await HttpForms.SignInAsync(client, email, TestHost.Password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostPeerGroupAsync(HttpClient client, string returnUrl, string name, string[] fips)
    {
        var html = await client.GetStringAsync(returnUrl);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", HttpForms.AntiforgeryToken(html)),
            new("name", name),
            new("returnUrl", returnUrl),
        };
        fields.AddRange(fips.Select(f => new KeyValuePair<string, string>("fips", f)));
        return await client.PostAsync("/peer-groups", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, string id)
    {
        var html = await client.GetStringAsync("compare?fips=01001");
        return await client.PostAsync($"/peer-groups/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpForms.AntiforgeryToken(html),
            ["returnUrl"] = "compare",
        }));
    }

    [GeneratedRegex("action=\"peer-groups/(\\d+)/delete\"")]
    private static partial Regex PeerGroupIdPattern();
}
