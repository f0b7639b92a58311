using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Tests.Counties;

namespace UpwardMobility.Tests.Dashboard;

[Collection(DemoWebAppCollection.Name)]
public class MetricPageHttpTests(DemoWebApp web)
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await web.Client().GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Metric_page_has_charts_tables_and_catalog_facts()
    {
        var (status, html) = await GetAsync("/counties/06037/metrics/share_employed");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<div class=\"chart js-chart\" id=\"trend-chart\" data-figure=", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart js-chart\" id=\"subgroup-chart\" data-figure=", html, StringComparison.Ordinal);
        Assert.Contains("\"fill\":\"tonexty\"", html, StringComparison.Ordinal);
        Assert.Contains("\"error_y\"", html, StringComparison.Ordinal);
        Assert.Contains("California (population-weighted median of its counties)", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(Regex.Match(html, "<table class=\"data-table\" id=\"trend-table\">.*?</table>", RegexOptions.Singleline).Value, "<tr>").Count - 1);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("Higher is better", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Source</dt>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"_content/Plotly.Blazor/plotly-basic-3.7.0.min.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);

        using var script = await web.Client().GetAsync("/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Metric_page_shows_the_year_asked_for()
    {
        var (status, html) = await GetAsync("/counties/06037/metrics/share_employed?year=2021");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<option value=\"2021\" selected>2021</option>", html, StringComparison.Ordinal);
        Assert.Contains("Groups of people by race and ethnicity in 2021", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_exactly_the_rows_shown()
    {
        var (_, html) = await GetAsync("/counties/06037/metrics/share_employed?year=2021");
        Assert.Contains("href=\"counties/06037/metrics/share_employed.csv?year=2021\"", html, StringComparison.Ordinal);
        // The data stamp names the demo data for what it is.
        Assert.Contains("<p>Data: synthetic demo data (not Urban Institute data: do not use it for decisions), seeded ", html, StringComparison.Ordinal);
        var subgroupRows = Regex.Matches(Regex.Match(html, "<table class=\"data-table\" id=\"subgroup-table\">.*?</table>", RegexOptions.Singleline).Value, "<tr").Count - 1;
        Assert.True(subgroupRows > 0);

        using var response = await web.Client().GetAsync("/counties/06037/metrics/share_employed.csv?year=2021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        // The demo data is marked in the file itself, before the header.
        Assert.StartsWith(Core.Csv.CsvTable.DemoComment + "\n", text, StringComparison.Ordinal);
        var csv = MetricCsvRows.Parse(text);
        Assert.Equal(string.Join(",", Core.Dashboard.MetricDetailCsv.Header), string.Join(",", csv.Header));
        Assert.Equal(4, csv.Section("trend").Count);
        Assert.Equal(subgroupRows, csv.Section("subgroup").Count);
        var peerRows = Regex.Matches(Regex.Match(html, "<table class=\"data-table\" id=\"peer-table\">.*?</table>", RegexOptions.Singleline).Value, "data-fips=").Count;
        Assert.Equal(peerRows, csv.Section("peer").Count);
        Assert.True(csv.Section("distribution").Count > 100);
        Assert.Equal(csv.Rows.Count, csv.Section("trend").Count + csv.Section("subgroup").Count + peerRows + csv.Section("distribution").Count);
        Assert.All(csv.Section("trend").Concat(csv.Section("subgroup")), r => Assert.Equal(("06037", "Los Angeles County", "California", "share_employed"), (r["fips"], r["county"], r["state"], r["metric"])));
        Assert.All(csv.Rows.Where(r => r["section"] != "trend"), r => Assert.Equal("2021", r["year"]));

        using var missing = await web.Client().GetAsync("/counties/06037/metrics/no_such_metric.csv");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/counties/06037/metrics/no_such_metric")]
    [InlineData("/counties/99999/metrics/share_employed")]
    public async Task Unknown_metric_or_county_is_404(string path)
    {
        var (status, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
