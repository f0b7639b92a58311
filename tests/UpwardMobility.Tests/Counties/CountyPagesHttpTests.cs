using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Demo;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Counties;

/// <summary>The tests that share one <see cref="DemoWebApp"/> (its start-up seeds the demo data, which takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class DemoWebAppCollection : ICollectionFixture<DemoWebApp>
{
    public const string Name = "Demo web app";
}

/// <summary>The app (in memory) with the synthetic demo data on SQLite, shared by the <see cref="DemoWebAppCollection"/>.</summary>
public sealed class DemoWebApp() : TestHost(new() { DemoData = true });

[Collection(DemoWebAppCollection.Name)]
public partial class CountyPagesHttpTests(DemoWebApp web)
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await web.Client().GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_cities_map_of_the_demo_says_no_city_values_are_imported_in_a_whole_sentence()
    {
        // The demo seeds counties only: a newcomer's first look at the cities' map.
        var (status, html) = await GetAsync("/map?places=cities");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No values of this measure are published for US cities: none have been imported.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" in .", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<h2 id=""map-title"">[^<]*,\s*</h2>", html);
        // Nothing to download or embed.
        Assert.DoesNotContain("id=\"map-csv\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_explains_the_framework_and_offers_search()
    {
        var (status, html) = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Upward Mobility Framework", html, StringComparison.Ordinal);
        // The search box: a combobox inside a plain GET form that works without scripts.
        Assert.Matches(SearchForm(), html);
        Assert.Contains("role=\"combobox\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"listbox\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"q\"", html, StringComparison.Ordinal);
        // Links into each of the five pillars.
        foreach (var pillar in new[]
        {
            "opportunity-rich-inclusive-neighborhoods", "high-quality-education", "rewarding-work",
            "healthy-environment-access-to-good-health-care", "responsive-just-governance",
        })
        {
            Assert.Contains($"href=\"#pillar-{pillar}\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"pillar-{pillar}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("Synthetic demo data", html, StringComparison.Ordinal);
        Assert.Contains("Skip to main content", html, StringComparison.Ordinal);
        AssertOnlyLocalAssets(html);
    }

    [Fact]
    public async Task County_list_groups_current_counties_by_state()
    {
        var (status, html) = await GetAsync("/counties");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"counties/06037\">Los Angeles County</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"state-ca\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties#state-ca\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties/09190\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"counties/09001\"", html, StringComparison.Ordinal); // historical
        Assert.Equal(52, StateSection().Count(html));
    }

    [Fact]
    public async Task County_list_filters_by_the_query_string()
    {
        var (status, html) = await GetAsync("/counties?q=dona+ana");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"counties/35013\">Doña Ana County</a>", html, StringComparison.Ordinal);
        Assert.Equal(1, StateSection().Count(html));
        Assert.Contains("value=\"dona ana\"", html, StringComparison.Ordinal);

        var (_, none) = await GetAsync("/counties?q=zzzz");
        Assert.Contains("No counties match", none, StringComparison.Ordinal);
        Assert.Equal(0, StateSection().Count(none));
    }

    [Theory]
    [InlineData("/counties?q=06037", "/counties/06037")]
    [InlineData("/counties?q=6037", "/counties/06037")]
    [InlineData("/counties/6037", "/counties/06037")]
    public async Task Fips_codes_go_straight_to_the_county(string path, string target)
    {
        using var response = await web.Client(followRedirects: false).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Los_Angeles_County_shows_its_values_with_year_interval_and_quality()
    {
        var (status, html) = await GetAsync("/counties/06037");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 tabindex=\"-1\">Los Angeles County</h1>", html, StringComparison.Ordinal);
        Assert.Contains("California (CA)", html, StringComparison.Ordinal);
        Assert.Matches(@"Population\s*<strong>[\d,]+</strong>\s*<span class=""place-context__note"">\(2023, synthetic\)", html);
        Assert.Contains("Synthetic demo data", html, StringComparison.Ordinal);

        // Pillar → predictor → metric, each row with a formatted value, its year, a 95% CI and a quality badge.
        Assert.Contains("id=\"pillar-rewarding-work\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"predictor-employment-opportunities\"", html, StringComparison.Ordinal);
        var employed = MetricRow("share_employed").Match(html);
        Assert.True(employed.Success, "No share_employed row.");
        Assert.Matches(@"<span class=""metric-value"">\d{1,3}\.\d%</span>", employed.Value);
        Assert.Contains("<span class=\"metric-row__year\" title=\"Year\">2023</span>", employed.Value, StringComparison.Ordinal);
        Assert.Matches(@"<span class=""metric-row__interval"">95% CI \d{1,3}\.\d%–\d{1,3}\.\d%</span>", employed.Value);
        Assert.Matches(@"class=""quality-badge quality-(strong|marginal|weak)""", employed.Value);

        Assert.Matches(@"<span class=""metric-value"">\$\d{1,3}(,\d{3})+</span>", MetricRow("pctl_income_50").Match(html).Value);
        // The unit the label names: residents per physician, never a bare number (issue 13).
        Assert.Matches(@"<span class=""metric-value"">[\d,]+ residents per physician</span>", MetricRow("ratio_population_pc_physician").Match(html).Value);
        Assert.Matches(@"<span class=""metric-value"">[\d,.]+ per 100,000</span>", MetricRow("rate_injury_death").Match(html).Value);
        Assert.Equal(0, Regex.Count(html, "No data published"));
        AssertOnlyLocalAssets(html);
    }

    [Fact]
    public async Task Weak_values_are_marked_too_uncertain_to_act_on()
    {
        string fips;
        var latestYear = DemoDataSeeder.Years[^1];
        await using (var db = web.CreateContext())
        {
            fips = await (
                from v in db.MetricValues
                join g in db.Geographies on v.GeographyId equals g.Id
                where v.Quality == DataQuality.Weak && v.SubgroupType == Subgroups.AllType && v.Year == latestYear
                orderby g.Fips
                select g.Fips).FirstAsync();
        }
        var (status, html) = await GetAsync("/counties/" + fips);

        Assert.Equal(HttpStatusCode.OK, status);
        var weak = WeakRow().Match(html);
        Assert.True(weak.Success, $"No Weak row on /counties/{fips}.");
        Assert.Contains("class=\"quality-badge quality-weak\"", weak.Value, StringComparison.Ordinal);
        Assert.Contains("<span class=\"quality-warning\">Too uncertain to act on</span>", weak.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Historical_county_links_to_its_successors()
    {
        var (status, html) = await GetAsync("/counties/09001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This county no longer exists", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties/09190\">Western Connecticut Planning Region</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/counties/99999", "99999")]
    [InlineData("/counties/abc", "abc")]
    [InlineData("/counties/060370", "060370")]
    public async Task Unknown_county_is_a_friendly_404(string path, string code)
    {
        var (status, html) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<title>Page not found", html, StringComparison.Ordinal);
        Assert.Contains($"There is no county with the code <strong>{code}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"counties\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal); // the normal layout, not a bare error
    }

    [Fact]
    public async Task Unknown_page_is_a_friendly_404()
    {
        var (status, html) = await GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("there is nothing at this address", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_answers_ok()
    {
        var (status, body) = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
    }

    [Fact]
    public async Task Page_assets_are_served_by_the_app()
    {
        var (_, html) = await GetAsync("/counties/06037");
        var client = web.Client();
        var assets = LocalAsset().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();

        Assert.Contains(assets, a => a.StartsWith("app", StringComparison.Ordinal) && a.Contains(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync("/" + asset.TrimStart('/'));
            Assert.True(response.IsSuccessStatusCode, $"{asset}: {(int)response.StatusCode}");
        }
    }

    private static void AssertOnlyLocalAssets(string html) =>
        Assert.DoesNotMatch(@"<(script|link|img|iframe|source)\b[^>]*\b(src|href)=""(https?:)?//", html);

    private static Regex MetricRow(string metric) =>
        new($@"<tr class=""metric-row[^""]*"" data-metric=""{Regex.Escape(metric)}"">.*?</tr>", RegexOptions.Singleline);

    [GeneratedRegex(@"<form class=""county-search"" method=""get"" action=""/counties""")]
    private static partial Regex SearchForm();

    [GeneratedRegex(@"<tr class=""metric-row metric-row--weak"".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex WeakRow();

    [GeneratedRegex(@"<section class=""state-group""")]
    private static partial Regex StateSection();

    [GeneratedRegex(@"<(?:script|link)\b[^>]*\b(?:src|href)=""(?<url>[^""#?]+)""")]
    private static partial Regex LocalAsset();
}
