using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace UpwardMobility.Tests.Cities;

/// <summary>The app on Kestrel with Urban's real employment files for counties and cities (and the county populations).</summary>
public sealed class CityPagesApp() : TestHost(new()
{
    Kestrel = true,
    Files =
    [
        "components/county-populations.csv",
        CityImportFixture.CountyEmploymentFile,
        CitySource.PathOf(CityPagesApp.CityEmploymentFile),
    ],
})
{
    public const string CityEmploymentFile = "metrics_employment_place_all_longitudinal.csv";
}

/// <summary>
/// City pages over HTTP and in Chromium on real files: a city is ranked, benchmarked and peered among cities only,
/// named beside its counties, found by search and listed by state; counties' numbers never include a city.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CityPagesTests(BrowserFixture browser, CityPagesApp app) : IClassFixture<CityPagesApp>
{
    private const string Auburn = "0103076";
    private const string LeeCounty = "01081";
    private const short Year = 2023;

    private static string Text(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<script.*?</script>", " ", RegexOptions.Singleline), "<[^>]+>", " "))
            .Replace('\u00a0', ' ')
            is var text ? Regex.Replace(text, @"\s+", " ") : "";

    private async Task<(HttpStatusCode Status, string Text)> GetAsync(string path)
    {
        using var client = app.Client(followRedirects: false);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, Text(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The whole-population share_employed of every place in a file for the year, from the file itself.</summary>
    private static Dictionary<string, (double Value, double? Lower, double? Upper)> SourceValues(string relative, short year, bool rankedOnly = false) =>
        UrbanSource.ReadValues(relative)
            .Where(e => e.Key.Year == year && e.Key.Metric == "share_employed" && e.Key.SubgroupType == "all" && e.Value.Value is not null)
            .Where(e => !rankedOnly || e.Value.Quality != Core.Metrics.DataQuality.Weak)
            .ToDictionary(e => e.Key.Fips, e => (e.Value.Value!.Value, e.Value.LowerBound, e.Value.UpperBound));

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public async Task A_city_page_ranks_the_city_among_cities_and_names_its_county()
    {
        // Ranked among the places whose values are not Weak (docs/methods.md).
        var cities = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year, rankedOnly: true);
        var auburn = cities[Auburn].Value;
        var rank = 1 + cities.Values.Count(v => v.Value > auburn);

        var (status, text) = await GetAsync($"cities/{Auburn}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Auburn city", text, StringComparison.Ordinal);
        Assert.Contains("FIPS code (state + place) 0103076", text, StringComparison.Ordinal);
        Assert.Contains("Auburn city lies in Lee County", text, StringComparison.Ordinal);
        Assert.Contains($"ranks {Standing(rank)}", text, StringComparison.Ordinal);
        Assert.Contains($"of {cities.Count:N0} US cities", text, StringComparison.Ordinal);
        Assert.Contains("population-weighted medians of cities", text, StringComparison.Ordinal);
        // Cities are never put among counties on a city page.
        Assert.DoesNotContain("US counties", text, StringComparison.Ordinal);
        // The city list's populations are Urban's own, not synthetic.
        Assert.DoesNotContain("synthetic", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_county_is_ranked_among_counties_only_and_lists_its_cities()
    {
        var counties = SourceValues(CityImportFixture.CountyEmploymentFile, Year, rankedOnly: true);
        var lee = counties[LeeCounty].Value;
        var rank = 1 + counties.Values.Count(v => v.Value > lee);

        var (status, text) = await GetAsync($"counties/{LeeCounty}");
        Assert.Equal(HttpStatusCode.OK, status);
        // The count is the county file's: none of the 486 cities joined the pool.
        Assert.Contains($"ranks {Standing(rank)}", text, StringComparison.Ordinal);
        Assert.Contains($"of {counties.Count:N0} US counties", text, StringComparison.Ordinal);
        Assert.Contains("Cities in this county", text, StringComparison.Ordinal);
        Assert.Matches(@"Auburn city \d+% of the city's people live in this county|Auburn city all of the city's people live in this county", text);
        Assert.DoesNotMatch(@"of [\d,]+ US cities", text);
    }

    [Fact]
    public async Task A_city_metric_page_sets_the_county_value_beside_the_city_with_the_interval_rule()
    {
        var city = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year)[Auburn];
        var county = SourceValues(CityImportFixture.CountyEmploymentFile, Year)[LeeCounty];
        var apart = city.Lower > county.Upper || city.Upper < county.Lower;

        var (status, text) = await GetAsync($"cities/{Auburn}/metrics/share_employed?year={Year}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Auburn city {Percent(city.Value)} · Lee County {Percent(county.Value)} ({Year})", text, StringComparison.Ordinal);
        Assert.Contains(apart ? "the 95% intervals do not overlap" : "within the uncertainty: the 95% intervals overlap", text, StringComparison.Ordinal);
        Assert.Contains("All of Auburn city's people live in Lee County", text, StringComparison.Ordinal);
        Assert.Contains("Where Auburn city stands among all cities", text, StringComparison.Ordinal);
        // Default peers are cities of Alabama, linked at their city addresses.
        using var client = app.Client();
        var html = await client.GetStringAsync($"cities/{Auburn}/metrics/share_employed?year={Year}");
        var links = Regex.Matches(html, @"href=""(counties|cities)/(\d+)/metrics/share_employed\?year=2023""").Select(m => m.Groups[1].Value + "/" + m.Groups[2].Value).ToList();
        Assert.Contains(links, l => l.StartsWith("cities/01", StringComparison.Ordinal) && l != $"cities/{Auburn}");
        // The one county link is the county set beside the city.
        Assert.All(links.Where(l => l.StartsWith("counties/", StringComparison.Ordinal)), l => Assert.Equal($"counties/{LeeCounty}", l));
    }

    [Fact]
    public async Task City_addresses_take_only_city_codes_and_county_addresses_only_county_codes()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("cities/06037")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"counties/{Auburn}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("cities/9999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"cities/{Auburn}/metrics/no_such_metric")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("cities/123/data.csv")).Status);
    }

    [Fact]
    public async Task The_city_list_groups_every_city_by_state_and_filters()
    {
        var (status, text) = await GetAsync("cities");
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = CitySource.ReadCrosswalk("place-populations.csv").Select(r => r["state"] + r["place"]).Distinct().Count();
        Assert.Contains($"{listed} cities in", text, StringComparison.Ordinal);

        (status, text) = await GetAsync("cities?q=auburn");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Auburn city", text, StringComparison.Ordinal);
        Assert.Contains("match “auburn”", text, StringComparison.Ordinal);

        using var client = app.Client(followRedirects: false);
        using var exact = await client.GetAsync($"cities?q={Auburn}");
        Assert.Equal(HttpStatusCode.Redirect, exact.StatusCode);
        Assert.EndsWith($"/cities/{Auburn}", exact.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_cities_beside_counties()
    {
        var places = await app.Get<CountyDirectoryService>().SearchPlacesAsync("auburn", 20);
        Assert.Contains(places, p => p.Fips == Auburn && p.Kind == Core.Geographies.PlaceKind.City && p.Path == $"cities/{Auburn}");
        Assert.DoesNotContain(await app.Get<CountyDirectoryService>().SearchAsync("auburn", 20), p => p.Fips.Length != 5);

        // The no-script search lands on the county list, which names the matching cities too.
        var (_, text) = await GetAsync("counties?q=auburn");
        Assert.Contains("Cities matching “auburn”", text, StringComparison.Ordinal);
        Assert.Contains("Auburn city, AL", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_CSV_holds_every_value_of_the_city_from_the_source_file()
    {
        var expected = UrbanSource.ReadValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), new HashSet<string> { Auburn });
        using var client = app.Client();
        var csv = await client.GetStringAsync($"cities/{Auburn}/data.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("fips,year,subgroup_type,subgroup,metric,value,lower_bound,upper_bound,quality,city_name,", lines[0], StringComparison.Ordinal);
        Assert.Equal(expected.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith(Auburn + ",", l, StringComparison.Ordinal));

        var metricCsv = await client.GetStringAsync($"cities/{Auburn}/metrics/share_employed.csv?year={Year}");
        Assert.StartsWith("section,fips,city,state,", metricCsv, StringComparison.Ordinal);
        // Its distribution section holds the cities of the year, and no county.
        var distribution = metricCsv.Split('\n').Where(l => l.StartsWith("distribution,", StringComparison.Ordinal)).ToList();
        Assert.Equal(SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year).Count, distribution.Count);
        Assert.All(distribution, l => Assert.Equal(7, l.Split(',')[1].Length));
    }

    [Fact]
    public async Task A_city_in_several_counties_names_each_with_its_share()
    {
        var shares = CitySource.ReadCrosswalk("geocorr2022_county_place_2022_onwards.csv")
            .Where(r => r["state"] + r["place"] == "4164900")
            // afact2: the share of the place's people living in the county.
            .ToDictionary(r => r["countyfip"], r => double.Parse(r["afact2"], CultureInfo.InvariantCulture));
        var (status, text) = await GetAsync("cities/4164900");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Salem city lies in 2 counties", text, StringComparison.Ordinal);
        Assert.Contains($"Marion County ({Math.Round(shares["41047"] * 100):0}% of its people)", text, StringComparison.Ordinal);
        Assert.Contains($"Polk County ({Math.Round(shares["41053"] * 100):0}% of its people)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rankings_of_cities_hold_every_city_of_the_file_and_no_county()
    {
        var cities = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year);
        var best = cities.MaxBy(c => c.Value.Value).Key;
        var (status, text) = await GetAsync($"rankings?metric=share_employed&year={Year}&places=cities");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("City rankings", text, StringComparison.Ordinal);
        Assert.Contains($"{cities.Count:N0} US cities have a value", text, StringComparison.Ordinal);

        using var client = app.Client();
        var html = await client.GetStringAsync($"rankings?metric=share_employed&year={Year}&places=cities");
        Assert.Matches($@"<tr data-fips=""{best}""[^>]*>\s*<td class=""number"">1</td>", html);
        Assert.DoesNotMatch(@"href=""counties/\d{5}/metrics/", html);

        var csv = (await client.GetStringAsync($"rankings.csv?metric=share_employed&year={Year}&places=cities")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rank,fips,city,state,", csv[0], StringComparison.Ordinal);
        Assert.Equal(cities.Count, csv.Length - 1);
        Assert.All(csv.Skip(1), l => Assert.Equal(7, l.Split(',')[1].Length));

        // The county rankings are unchanged by the cities.
        (_, text) = await GetAsync($"rankings?metric=share_employed&year={Year}");
        Assert.Contains($"{SourceValues(CityImportFixture.CountyEmploymentFile, Year).Count:N0} US counties have a value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_puts_cities_with_cities_and_says_what_it_left_out()
    {
        var (status, text) = await GetAsync($"compare?fips={Auburn}&fips=4164900&year={Year}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Compare cities", text, StringComparison.Ordinal);
        Assert.Contains("Auburn city, AL", text, StringComparison.Ordinal);
        Assert.Contains("Salem city, OR", text, StringComparison.Ordinal);
        Assert.Contains("reference city", text, StringComparison.Ordinal);

        (_, text) = await GetAsync($"compare?fips={Auburn}&fips={LeeCounty}&fips=4164900");
        Assert.Contains($"Cities are compared only with cities: {LeeCounty} left out (counties).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lee County, AL", text, StringComparison.Ordinal);

        using var client = app.Client();
        var csv = await client.GetStringAsync($"compare.csv?fips={Auburn}&fips=4164900&year={Year}");
        Assert.StartsWith("pillar,predictor,metric,metric_label,unit,year,fips,city,state,", csv, StringComparison.Ordinal);
        var auburn = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year)[Auburn];
        Assert.Contains(csv.Split('\n'), l => l.Contains($",share_employed,", StringComparison.Ordinal) && l.Contains($",{Auburn},", StringComparison.Ordinal)
            && l.Contains(auburn.Value.ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planner_granted_a_city_sets_its_plan_and_visitors_see_it_at_the_city_address()
    {
        await app.CreateUserAsync("auburn-planner@example.org", Roles.Planner, Auburn);
        using var planner = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(app.Address + "/"),
        };
        using (var signIn = await HttpForms.SignInAsync(planner, "auburn-planner@example.org"))
        {
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        }
        var edit = $"/cities/{Auburn}/plan/edit";
        using (var added = await HttpForms.PostFormAsync(planner, edit, "priority-add", new()
        {
            ["PriorityAdd.Predictor"] = "employment-opportunities",
            ["PriorityAdd.Rationale"] = "More prime-age adults at work.",
        }))
        {
            Assert.Contains("Employment opportunities is now a priority.", WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var target = await HttpForms.PostFormAsync(planner, edit, "target-add", new()
        {
            ["TargetAdd.Metric"] = "share_employed",
            ["TargetAdd.Kind"] = "value",
            ["TargetAdd.Group"] = "all|All",
            ["TargetAdd.BaselineYear"] = "2023",
            ["TargetAdd.TargetValue"] = "90",
            ["TargetAdd.TargetYear"] = "2030",
        }))
        {
            var auburn = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year)[Auburn].Value;
            var html = WebUtility.HtmlDecode(await target.Content.ReadAsStringAsync());
            Assert.Contains($"Added the target on Employment-to-population ratio, ages 25 to 54 (Whole city): baseline {Percent(auburn)} in 2023", html, StringComparison.Ordinal);
        }

        var (status, plan) = await GetAsync($"cities/{Auburn}/plan");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("More prime-age adults at work.", plan, StringComparison.Ordinal);
        Assert.Contains("Employment-to-population ratio, ages 25 to 54: Whole city", plan, StringComparison.Ordinal);
        Assert.Contains("Mobility action plan 1 priority, 1 target", (await GetAsync($"cities/{Auburn}")).Text, StringComparison.Ordinal);
        using var client = app.Client();
        Assert.Contains($"{Auburn},Auburn city,Alabama,target,", await client.GetStringAsync($"cities/{Auburn}/plan.csv"), StringComparison.Ordinal);

        // The city grant gives no county's plan, and the county's planner none of the city's.
        using var county = await planner.GetAsync($"/counties/{LeeCounty}/plan/edit");
        Assert.Equal(HttpStatusCode.Redirect, county.StatusCode);
        Assert.Contains("/account/access-denied", county.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_draws_every_city_with_a_value_as_a_dot_linked_to_its_page_over_uncoloured_counties()
    {
        var cities = SourceValues(CitySource.UrbanRelative(CityPagesApp.CityEmploymentFile), Year);
        using var client = app.Client();
        var svg = await client.GetStringAsync($"map/map.svg?metric=share_employed&year={Year}&places=cities");
        Assert.Contains("data-places=\"cities\"", svg, StringComparison.Ordinal);
        var dots = Regex.Matches(svg, @"<a href=""cities/(\d{7})\?year=2023"" data-fips=""\1"" data-name=""[^""]+""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(cities.Keys.Order(), dots.Order());
        var details = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(
            await client.GetStringAsync($"map/details.json?metric=share_employed&year={Year}&places=cities"))!;
        Assert.Equal(cities.Keys.Order(), details.Keys.Order());
        Assert.Contains($"data-with-value=\"{cities.Count}\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"counties/", svg, StringComparison.Ordinal);
        // Standings in the panel are among cities.
        var standings = details.Values.Select(d => d.TryGetProperty("standing", out var s) ? s.GetString() : null).OfType<string>().ToList();
        Assert.Contains(standings, s => s.Contains("US cities", StringComparison.Ordinal));
        Assert.DoesNotContain(standings, s => s.Contains("US counties", StringComparison.Ordinal));

        var (status, text) = await GetAsync($"map?metric=share_employed&year={Year}&places=cities");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"{cities.Count:N0} US cities have a value.", text, StringComparison.Ordinal);
        // The colours are centred on the cities' benchmark, and the legend says whose it is.
        Assert.Contains("White: the US population-weighted median of cities", text, StringComparison.Ordinal);
        Assert.DoesNotContain("of counties", text, StringComparison.Ordinal);
        var csv = (await client.GetStringAsync($"map.csv?metric=share_employed&year={Year}&places=cities")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("fips,city,state,", csv[0], StringComparison.Ordinal);
        Assert.Equal(cities.Count, csv.Length - 1);

        await using var tracked = await browser.NewPageAsync(app.Address);
        await tracked.Page.GotoAsync($"/map?metric=share_employed&year={Year}&places=cities");
        var map = tracked.Page.Locator("#county-map[data-drawn='true']");
        await Expect(map).ToHaveAttributeAsync("data-locations", cities.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(tracked.Page.Locator("#county-map circle.map-city")).ToHaveCountAsync(cities.Count);
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    [Fact]
    public async Task A_reader_searches_a_city_opens_it_and_follows_the_link_to_its_county()
    {
        await using var tracked = await browser.NewPageAsync(app.Address);
        var page = tracked.Page;
        await page.GotoAsync("/");
        await page.Locator("form.county-search[data-interactive=true]").WaitForAsync();
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Find a county or city" });
        await box.PressSequentiallyAsync("auburn", new() { Delay = 40 });
        await page.Locator("#county-search-listbox[data-query='auburn']").WaitForAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Auburn city" }).Filter(new() { HasText = "Alabama" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/cities/{Auburn}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Auburn city");
        await page.GetByTestId("city-counties").GetByRole(AriaRole.Link, new() { Name = "Lee County" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/counties/{LeeCounty}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lee County");
        await Expect(page.GetByTestId("county-cities").GetByRole(AriaRole.Link, new() { Name = "Auburn city" })).ToBeVisibleAsync();
        Assert.Empty(tracked.ConsoleErrors);
        Assert.Empty(tracked.ExternalRequests);
    }

    private static string Standing(int rank) => Core.Judgement.Standing.Ordinal(rank);
}
