using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Dashboard;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Metrics;

/// <summary>The app on Kestrel over PostgreSQL with real employment, juvenile-arrest and population files imported.</summary>
public sealed class BenchmarkWebApp() : TestHost(new() { Provider = DatabaseProvider.Postgres, Kestrel = true })
{
    /// <summary>The day (yyyy-MM-dd, UTC) each file was imported, by file name.</summary>
    public Dictionary<string, string> ImportDays { get; } = new(StringComparer.Ordinal);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var file in new[] { BenchmarkFixture.PopulationFile, BenchmarkFixture.EmploymentFile, BenchmarkFixture.ArrestsFile })
        {
            await ImportCleanlyAsync(UrbanSource.PathOf(file));
        }
        await using var db = CreateContext();
        foreach (var i in await db.Imports.AsNoTracking().ToListAsync())
        {
            ImportDays[i.FileName] = i.StartedAtUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>
/// Over HTTP on real data: the benchmark in the metric CSV, on the pages (value or the reason it is blank), at the
/// centre of the map's colours, and the data stamp naming the files behind each page.
/// </summary>
public sealed class BenchmarkHttpTests(BenchmarkWebApp app) : IClassFixture<BenchmarkWebApp>
{
    private const string EmploymentFileName = "metrics_employment_county_all_longitudinal.csv";

    private async Task<string> PageAsync(string url)
    {
        using var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_metric_csv_has_the_weighted_medians_next_to_the_plain_ones_and_leaves_them_empty_when_blank()
    {
        var csv = MetricCsvRows.Parse(await app.Client().GetStringAsync("counties/06037/metrics/share_employed.csv"));
        var header = string.Join(",", csv.Header);
        Assert.Contains("state_median,state_weighted_median,national_median,national_weighted_median,", header, StringComparison.Ordinal);
        var trend = csv.Section("trend");
        Assert.True(trend.Count >= 9);
        foreach (var row in trend)
        {
            var year = short.Parse(row["year"], CultureInfo.InvariantCulture);
            var (national, _) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", year);
            var (california, _) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", year, "06");
            UrbanSource.AssertClose(national, MetricCsvRows.Number(row["national_weighted_median"]), $"{year} national_weighted_median");
            UrbanSource.AssertClose(california, MetricCsvRows.Number(row["state_weighted_median"]), $"{year} state_weighted_median");
            Assert.NotEqual(row["national_median"], row["national_weighted_median"]);
        }

        var arrests = MetricCsvRows.Parse(await app.Client().GetStringAsync("counties/06037/metrics/rate_juv_arrest.csv")).Section("trend");
        Assert.NotEmpty(arrests);
        Assert.All(arrests, r => Assert.Equal(("", true), (r["national_weighted_median"], r["national_median"].Length > 0)));
    }

    [Fact]
    public async Task Pages_label_the_benchmark_and_say_why_it_is_blank()
    {
        var (employment, _) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", 2023);
        var county = await PageAsync("counties/06037?year=2023");
        Assert.Contains("US (population-weighted median of counties)", county, StringComparison.Ordinal);
        Assert.DoesNotContain(">US median<", county, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"benchmark\">{(employment!.Value * 100).ToString("0.0", CultureInfo.InvariantCulture)}%</span>", county, StringComparison.Ordinal);

        var (_, missing) = IndependentBenchmark.Of(BenchmarkFixture.ArrestsFile, "rate_juv_arrest", 2023);
        var arrests = await PageAsync("counties/06037/metrics/rate_juv_arrest?year=2023");
        Assert.Contains(
            $"Left blank: {Math.Round(missing * 100, MidpointRounding.AwayFromZero):0}% of the US population lives in counties with no value or a Weak value for this year",
            arrests, StringComparison.Ordinal);
        Assert.Contains("California (population-weighted median of its counties)", arrests, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("06")]
    public async Task The_map_is_white_at_the_weighted_median_of_the_nation_or_of_the_state_zoomed_to(string? state)
    {
        var (expected, _) = IndependentBenchmark.Of(BenchmarkFixture.EmploymentFile, "share_employed", 2021, state);
        var map = XDocument.Parse(await app.Client().GetStringAsync(
            "map/map.svg?metric=share_employed&year=2021" + (state is null ? "" : "&state=" + state))).Root!;
        Assert.Equal("diverging", (string?)map.Attribute("data-scale-kind"));
        UrbanSource.AssertClose(expected, Number(map, "data-midpoint"), "midpoint");
        Assert.Contains(state is null ? "the US population-weighted median of counties" : "California population-weighted median of counties",
            (string?)map.Attribute("data-midpoint-label"), StringComparison.Ordinal);
        // The scale is symmetric around the benchmark, so white (the middle stop) sits exactly on it.
        Assert.Equal(expected!.Value, (Number(map, "data-scale-min") + Number(map, "data-scale-max")) / 2, 9);
        // Counties at or beyond the farther end of the symmetric scale take its deepest colour.
        var fills = map.Descendants().Where(e => e.Attribute("fill") is not null).Select(e => (string)e.Attribute("fill")!).ToHashSet();
        Assert.True(fills.Contains("#b35806") || fills.Contains("#08519c"), "no county at the scale's farther end");

        var page = await PageAsync("map?metric=share_employed&year=2021" + (state is null ? "" : "&state=" + state));
        Assert.Contains($"White: {(state is null ? "the US" : "California")} population-weighted median of counties ({(expected.Value * 100).ToString("0.0", CultureInfo.InvariantCulture)}%).",
            page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_of_a_blank_benchmark_centres_on_the_typical_county_and_says_why()
    {
        var map = XDocument.Parse(await app.Client().GetStringAsync("map/map.svg?metric=rate_juv_arrest&year=2022")).Root!;
        Assert.Contains("typical county", (string?)map.Attribute("data-midpoint-label"), StringComparison.Ordinal);
        Assert.StartsWith("Left blank: ", (string?)map.Attribute("data-midpoint-note"), StringComparison.Ordinal);
        var page = await PageAsync("map?metric=rate_juv_arrest&year=2022");
        Assert.Contains("Left blank: ", page, StringComparison.Ordinal);
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("counties/06037", true)]
    [InlineData("counties/06037/pillars/rewarding-work", true)]
    [InlineData("counties/06037/metrics/share_employed", true)]
    [InlineData("map?metric=share_employed&year=2021", true)]
    [InlineData("rankings?metric=share_employed&year=2021", false)]
    [InlineData("compare?fips=06037&fips=48201", false)]
    public async Task Every_page_with_values_names_the_files_and_the_day_they_were_imported(string url, bool withWeights)
    {
        var html = await PageAsync(url);
        var stamp = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"data-stamp\" id=\"data-stamp\">\\s*<p>(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith($"Data: Urban Institute Mobility Metrics, imported {app.ImportDays[EmploymentFileName]} from {EmploymentFileName}", stamp, StringComparison.Ordinal);
        Assert.Equal(withWeights, stamp.Contains("county-populations.csv", StringComparison.Ordinal));
        Assert.DoesNotContain("demo", stamp, StringComparison.OrdinalIgnoreCase);
    }
}
