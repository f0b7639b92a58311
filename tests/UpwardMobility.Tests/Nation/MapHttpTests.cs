using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Nation;

/// <summary>The server-drawn map (<c>/map/map.svg</c>) and the map page's weight, over HTTP on the real files.</summary>
public sealed partial class NationPagesHttpTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_map_svg_draws_every_county_of_the_file_with_its_value_and_direction_aware_colours()
    {
        using var client = web.Client();
        var map = XDocument.Parse(await client.GetStringAsync("map/map.svg?metric=share_low_birth_weight&year=2023"));
        // The drawing holds the shapes and names; the panel's texts come from details.json for the same view.
        var details = await DetailsAsync(client, "metric=share_low_birth_weight&year=2023");
        var links = map.Descendants(Svg + "a").ToList();
        var valued = links.Where(a => details.ContainsKey((string)a.Attribute("data-fips")!)).ToDictionary(a => (string)a.Attribute("data-fips")!);
        Assert.Equal(details.Keys.Order(), valued.Keys.Order());
        var expected = CountyValues(BirthWeight.Value, "share_low_birth_weight", 2023);

        // Every county of the file is drawn, Connecticut's planning regions, Alaska's 2019 areas and Falls Church included.
        Assert.True(expected.Count > 3000);
        Assert.Equal(expected.Select(e => e.Fips).Order(), valued.Keys.Order());
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)map.Root!.Attribute("data-with-value"));
        var autauga = expected.Single(e => e.Fips == "01001").Value;
        Assert.Equal(MetricFormatter.Format(autauga.Value, MetricUnit.Share), details["01001"].GetProperty("value").GetString());
        Assert.Equal(MetricFormatter.FormatInterval(autauga.LowerBound, autauga.UpperBound, MetricUnit.Share), details["01001"].GetProperty("interval").GetString());
        Assert.Equal(QualityLabel.For(autauga.Quality).Name, details["01001"].GetProperty("quality").GetString());
        // Autauga's value is Weak: shown, not ranked (a Strong or Marginal one reads "ranks …").
        Assert.Equal(DataQuality.Weak, autauga.Quality);
        Assert.Equal("Weak value, too uncertain to act on: not ranked", details["01001"].GetProperty("standing").GetString());
        var ranked = expected.First(e => e.Value.Quality == DataQuality.Strong).Fips;
        Assert.StartsWith("ranks ", details[ranked].GetProperty("standing").GetString(), StringComparison.Ordinal);
        Assert.Equal("Autauga County, AL", (string?)valued["01001"].Attribute("data-name"));
        Assert.Equal("counties/01001?year=2023", (string?)valued["01001"].Attribute("href"));

        // Lower is better: the lowest rate is drawn on the "better" blue side, the highest on the "worse" orange side
        // (the scale is centred on the benchmark, so only the farther end reaches the deepest colour).
        var lowest = expected.MinBy(e => e.Value.Value)!.Fips;
        var highest = expected.MaxBy(e => e.Value.Value)!.Fips;
        Assert.True(IsBlue(Fill(valued[lowest])), Fill(valued[lowest]));
        Assert.True(IsOrange(Fill(valued[highest])), Fill(valued[highest]));
        // Weak values are faded, the others not.
        var weak = expected.First(e => e.Value.Quality == DataQuality.Weak).Fips;
        Assert.Equal("0.35", (string?)valued[weak].Elements().Single().Attribute("fill-opacity"));
        var strong = expected.First(e => e.Value.Quality == DataQuality.Strong).Fips;
        Assert.Null(valued[strong].Elements().Single().Attribute("fill-opacity"));

        // Employment, higher is better: the colours turn round.
        var employment = XDocument.Parse(await client.GetStringAsync("map/map.svg?metric=share_employed&year=2023"));
        var employed = CountyValues(Employment.Value, "share_employed", 2023);
        var best = employed.MaxBy(e => e.Value.Value)!.Fips;
        Assert.True(IsBlue(Fill(employment.Descendants(Svg + "a").Single(a => (string?)a.Attribute("data-fips") == best))));
    }

    [Fact]
    public async Task A_state_view_is_a_zoom_on_the_state_and_old_county_codes_draw_the_old_shapes()
    {
        using var client = web.Client();
        var nation = XDocument.Parse(await client.GetStringAsync("map/map.svg?metric=share_employed&year=2023"));
        var connecticut = XDocument.Parse(await client.GetStringAsync("map/map.svg?metric=share_employed&year=2023&state=09"));
        Assert.Equal("0 0 4063 2542", (string?)nation.Root!.Attribute("viewBox"));
        Assert.NotEqual((string?)nation.Root.Attribute("viewBox"), (string?)connecticut.Root!.Attribute("viewBox"));
        var regions = connecticut.Descendants(Svg + "a").Select(a => (string)a.Attribute("data-fips")!).ToList();
        Assert.Equal(["09110", "09120", "09130", "09140", "09150", "09160", "09170", "09180", "09190"], regions);
        var connecticutDetails = await DetailsAsync(client, "metric=share_employed&year=2023&state=09");
        Assert.Equal(regions, connecticutDetails.Keys.Order());

        // 2019 values are keyed by the eight old counties: those are drawn, not the regions that replaced them.
        var old = XDocument.Parse(await client.GetStringAsync("map/map.svg?metric=share_employed&year=2019&state=09"));
        var oldCodes = old.Descendants(Svg + "a").Select(a => (string)a.Attribute("data-fips")!).ToList();
        Assert.Equal(["09001", "09003", "09005", "09007", "09009", "09011", "09013", "09015"], oldCodes);
        var value = Employment.Value[new ValueKey("09003", "share_employed", 2019, Subgroups.AllType, Subgroups.All)];
        Assert.Equal(MetricFormatter.Format(value.Value, MetricUnit.Share),
            (await DetailsAsync(client, "metric=share_employed&year=2019&state=09"))["09003"].GetProperty("value").GetString());

        // The page says so too: nothing is listed as missing from the map any more.
        var page = await client.GetStringAsync("map?metric=share_employed&year=2023&state=09");
        Assert.Contains("id=\"county-map\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"shapeless-table\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_page_and_everything_it_loads_weigh_under_400_KB_compressed()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(web.Address + "/") };
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var page = await client.GetAsync("map?metric=share_employed&year=2023");
        var html = await page.Content.ReadAsStringAsync();
        var total = (long)(await page.Content.ReadAsByteArrayAsync()).Length;
        // Everything the page links, and the details the map fetches once drawn.
        var urls = Regex.Matches(html, "<(?:script|link)[^>]*?(?:src|href)=\"([^\"]+)\"|data-details-src=\"([^\"]+)\"")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Where(u => !u.StartsWith("http", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains(urls, u => u.StartsWith("map/map.svg?", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("map/details.json?", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("map", StringComparison.Ordinal) && u.EndsWith(".js", StringComparison.Ordinal));
        var sizes = new List<string>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url.TrimStart('/'));
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            total += bytes;
            sizes.Add($"{url} {bytes / 1024.0:0.0} KiB {string.Join(",", response.Content.Headers.ContentEncoding)}");
            if (url.StartsWith("map/", StringComparison.Ordinal))
            {
                Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
                Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            }
        }
        Assert.True(total < 400 * 1024, $"{total / 1024.0:0} KiB: " + string.Join("; ", sizes));
    }

    private static async Task<Dictionary<string, System.Text.Json.JsonElement>> DetailsAsync(HttpClient client, string query) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(await client.GetStringAsync("map/details.json?" + query))!;

    private static string? Fill(XElement link) => (string?)link.Elements().Single().Attribute("fill");

    private static int Channel(string? hex, int i) => Convert.ToInt32(hex![(1 + (2 * i))..(3 + (2 * i))], 16);

    private static bool IsBlue(string? hex) => Channel(hex, 2) > Channel(hex, 0) + 40;

    private static bool IsOrange(string? hex) => Channel(hex, 0) > Channel(hex, 2) + 40;
}
