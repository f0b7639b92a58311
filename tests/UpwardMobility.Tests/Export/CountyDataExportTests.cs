using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Csv;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Export;

/// <summary><c>GET /counties/{fips}/data.csv</c> on both providers, against the source files it was imported from.</summary>
public class CountyDataExportTests
{
    private const string ExpectedHeader =
        "fips,year,subgroup_type,subgroup,metric,value,lower_bound,upper_bound,quality,county_name,state,metric_label,pillar,predictor,unit,value_text";

    private static readonly string IncomeFile =
        Path.Combine(TestEnvironment.UrbanDataPath, "components", "metrics_income_county_all_longitudinal.csv");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Export_holds_every_value_of_the_county_exactly_as_the_source_file_wrote_it(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        var client = app.CreateClient();
        var report = await ImportAsync(app, IncomeFile);
        Assert.Equal(ImportOutcome.Imported, report.Outcome);

        using var response = await client.GetAsync("/counties/01001/data.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"county-01001-upward-mobility.csv\"",
            string.Join(", ", response.Content.Headers.GetValues("Content-Disposition")));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark before the header");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith(ExpectedHeader + "\n", text, StringComparison.Ordinal);

        var rows = ParseCsv(text);
        int expectedCount;
        await using (var db = app.CreateContext())
        {
            var county = await db.Geographies.SingleAsync(g => g.Kind == GeographyKind.County && g.Fips == "01001");
            expectedCount = await db.MetricValues.CountAsync(v => v.GeographyId == county.Id);
        }
        Assert.True(expectedCount > 0);
        Assert.Equal(expectedCount, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("01001", r["fips"]);
            Assert.Equal("Autauga County", r["county_name"]);
            Assert.Equal("Alabama", r["state"]);
            Assert.Equal("all", r["subgroup_type"]);
            Assert.Equal("All", r["subgroup"]);
            Assert.False(string.IsNullOrEmpty(r["metric_label"]));
            Assert.False(string.IsNullOrEmpty(r["pillar"]));
            Assert.False(string.IsNullOrEmpty(r["predictor"]));
            Assert.Equal("dollars", r["unit"]);
        });

        // Every non-missing cell of the source rows for 01001 is in the export, and parses back to the same double.
        var exported = rows.ToDictionary(r => (r["metric"], r["year"]));
        var sourceRows = ReadSource(IncomeFile).Where(r => r["state"].TrimStart('0') == "1" && r["county"].TrimStart('0') == "1").ToList();
        Assert.NotEmpty(sourceRows);
        var compared = 0;
        foreach (var source in sourceRows)
        {
            foreach (var metric in report.Metrics)
            {
                if (IsMissing(source[metric.ValueColumn]))
                {
                    continue;
                }
                var row = exported[(metric.Metric, source["year"])];
                AssertSameNumber(source[metric.ValueColumn], row["value"]);
                AssertSameNumber(source[metric.LowerColumn!], row["lower_bound"]);
                AssertSameNumber(source[metric.UpperColumn!], row["upper_bound"]);
                Assert.Equal(QualityWord(source[metric.QualityColumn!]), row["quality"]);
                compared++;
            }
        }
        Assert.Equal(expectedCount, compared);
        Assert.Contains(rows, r => r["quality"] == "Weak");
        Assert.Contains(rows, r => r["quality"] == "Marginal");

        // Ordered by metric (the catalog's order), then year.
        var keys = rows.Select(r => (r["metric"], int.Parse(r["year"], CultureInfo.InvariantCulture))).ToList();
        var metricOrder = keys.Select(k => k.Item1).Distinct().ToList();
        Assert.Equal(["pctl_income_20", "pctl_income_50", "pctl_income_80"], metricOrder);
        Assert.Equal(keys.OrderBy(k => metricOrder.IndexOf(k.Item1)).ThenBy(k => k.Item2).ToList(), keys);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Text_cells_that_start_a_formula_are_neutralised_but_negative_numbers_are_not(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        var client = app.CreateClient();
        var folder = Directory.CreateTempSubdirectory("upward-export-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "injection.csv");
            await File.WriteAllTextAsync(path, string.Join("\n",
                "year,state,county,subgroup_type,subgroup,rate_learning,rate_learning_quality,ratio_population_pc_physician",
                "2021,01,001,race-ethnicity,\"=HYPERLINK(\"\"http://attacker.example\"\",\"\"x\"\")\",-0.125,1,2235:1",
                "2021,01,001,race-ethnicity,+SUM(1;2),0.5,2,",
                "2021,01,001,race-ethnicity,@cmd,-1e-05,3,",
                "2021,01,001,race-ethnicity,-2+3,-17.25,1,",
                "2021,01,001,race-ethnicity,Black,0.1,1,",
                ""));
            var report = await ImportAsync(app, path);
            Assert.True(report.Outcome == ImportOutcome.Imported, report.Summary);
            Assert.Equal(0, report.RowsRejected);

            var text = await client.GetStringAsync("/counties/01001/data.csv");
            var rows = ParseCsv(text);
            var learning = rows.Where(r => r["metric"] == "rate_learning").ToDictionary(r => r["subgroup"], r => r["value"]);
            Assert.Equal("-0.125", learning["'=HYPERLINK(\"http://attacker.example\",\"x\")"]);
            Assert.Equal("0.5", learning["'+SUM(1;2)"]);
            Assert.Equal(-1e-05, double.Parse(learning["'@cmd"], CultureInfo.InvariantCulture));
            Assert.StartsWith("-", learning["'@cmd"], StringComparison.Ordinal);
            Assert.Equal("-17.25", learning["'-2+3"]);
            Assert.Equal("0.1", learning["Black"]);
            Assert.All(rows, r => Assert.DoesNotMatch("^[=+@\\t\\r-]", r["subgroup"]));

            var physicians = Assert.Single(rows, r => r["metric"] == "ratio_population_pc_physician");
            Assert.Equal("2235:1", physicians["value_text"]);
            Assert.Equal(2235d, double.Parse(physicians["value"], CultureInfo.InvariantCulture));
            Assert.Equal("", physicians["quality"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unknown_or_malformed_county_codes_are_not_found(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        var client = app.CreateClient();

        foreach (var fips in new[] { "99999", "00000", "abcde", "060370" })
        {
            using var response = await client.GetAsync($"/counties/{fips}/data.csv");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // A known county with no values: just the header.
        var empty = await client.GetStringAsync("/counties/06037/data.csv");
        Assert.Equal(ExpectedHeader + "\n", empty);

        // A code that lost its leading zero is sent to the canonical address.
        using var noRedirect = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var redirect = await noRedirect.GetAsync("/counties/6037/data.csv");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/counties/06037/data.csv", redirect.Headers.Location?.OriginalString);
    }

    private static Task<ImportReport> ImportAsync(TestHost app, string path) => app.ImportAsync(path);

    private static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        Assert.Equal(ExpectedHeader, string.Join(',', header));
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((name, i) => (name, csv.GetField(i) ?? "")).ToDictionary(p => p.name, p => p.Item2));
        }
        return rows;
    }

    private static IEnumerable<Dictionary<string, string>> ReadSource(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
        while (csv.Read())
        {
            yield return header.Select((name, i) => (name, csv.GetField(i) ?? "")).ToDictionary(p => p.name, p => p.Item2);
        }
    }

    private static bool IsMissing(string cell) => cell.Trim() is "" or "NA" or "NaN";

    private static void AssertSameNumber(string source, string exported)
    {
        if (IsMissing(source))
        {
            Assert.Equal("", exported);
            return;
        }
        var expected = double.Parse(source.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
        var actual = double.Parse(exported, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    private static string QualityWord(string cell) => cell.Trim() switch
    {
        "1" => "Strong",
        "2" => "Marginal",
        "3" => "Weak",
        "" or "NA" => "",
        var word => word,
    };
}

public class CountyDataExportFormatTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Black, non-Hispanic", "Black, non-Hispanic")]
    [InlineData("2235:1", "2235:1")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_neutralises_formula_starts(string? text, string expected) =>
        Assert.Equal(expected, CsvTable.Neutral(text));

    [Theory]
    [InlineData(0.1 + 0.2)]
    [InlineData(-0.125)]
    [InlineData(20783.639249999997)]
    [InlineData(1e-300)]
    [InlineData(double.Epsilon)]
    [InlineData(-1e-05)]
    [InlineData(123456789012345678d)]
    public void Numbers_round_trip_exactly_in_invariant_culture(double value)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a comma decimal separator must not leak in
            var text = CsvTable.NumberText(value);
            Assert.DoesNotContain(",", text, StringComparison.Ordinal);
            Assert.Equal(value, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Missing_numbers_and_unknown_quality_are_empty()
    {
        Assert.Equal("", CsvTable.NumberText(null));
        Assert.Equal("", CsvTable.QualityWord(Core.Metrics.DataQuality.Unknown));
        Assert.Equal("Strong", CsvTable.QualityWord(Core.Metrics.DataQuality.Strong));
        Assert.Equal("Marginal", CsvTable.QualityWord(Core.Metrics.DataQuality.Marginal));
        Assert.Equal("Weak", CsvTable.QualityWord(Core.Metrics.DataQuality.Weak));
        Assert.Equal("county-06037-upward-mobility.csv", new CountyExportTarget(1, "06037", "Los Angeles County", "California").FileName);
    }
}
