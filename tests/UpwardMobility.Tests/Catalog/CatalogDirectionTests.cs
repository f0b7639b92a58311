using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Catalog;

/// <summary>
/// Every metric's direction pinned against the framework table (../shared/reference/framework.md, which records how
/// Urban's code builds each measure), and the air quality index read the way Urban builds it (issue 22, item 1).
/// </summary>
public sealed partial class CatalogDirectionTests
{
    private static readonly CatalogFile Catalog = CatalogFile.Load(Path.Combine(TestEnvironment.RepoRoot, "data", "catalog", "framework.json"));

    private static string FrameworkPath => Path.GetFullPath(Path.Combine(TestEnvironment.UrbanDataPath, "..", "..", "reference", "framework.md"));

    /// <summary>
    /// The direction the framework table gives each variable it names: a "(up)"/"(down)" after a variable wins over the
    /// row's direction; suffix shorthand (<c>`_50_ami`</c>) and ellipses (<c>`ratio_hispanic_…`</c>) are matched to
    /// the catalog keys they abbreviate.
    /// </summary>
    private static Dictionary<string, MetricDirection> FrameworkDirections()
    {
        var keys = Catalog.AllMetrics.SelectMany(m => (m.Aliases ?? []).Prepend(m.Key)).ToList();
        var directions = new Dictionary<string, MetricDirection>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(FrameworkPath).Where(l => l.StartsWith('|') && !l.StartsWith("| Pillar", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal)))
        {
            var cells = line.Replace("\\|", "\u0001", StringComparison.Ordinal).Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var variables = cells[3];
            var rowDirection = Parse(cells[4]);
            string? previous = null;
            foreach (Match m in VariableWithDirection().Matches(variables))
            {
                var name = m.Groups["name"].Value;
                var direction = m.Groups["dir"].Success ? Parse(m.Groups["dir"].Value) : rowDirection;
                IEnumerable<string> matched;
                if (name.StartsWith('_') && previous is not null)
                {
                    var prefixes = Enumerable.Range(1, previous.Length - 1).Where(i => previous[i] == '_').Select(i => previous[..i]);
                    matched = keys.Where(k => prefixes.Any(p => k == p + name));
                }
                else if (name.EndsWith('…'))
                {
                    matched = keys.Where(k => k.StartsWith(name.TrimEnd('…'), StringComparison.Ordinal));
                }
                else
                {
                    matched = keys.Where(k => k == name);
                    previous = name;
                }
                foreach (var key in matched)
                {
                    directions[key] = direction ?? throw new InvalidDataException($"framework.md gives no direction for {key}: '{cells[4]}'");
                }
            }
        }
        return directions;
    }

    private static MetricDirection? Parse(string text) => text.Trim().Split(' ', '(')[0].Trim() switch
    {
        "up" => MetricDirection.Up,
        "down" => MetricDirection.Down,
        "parity" => MetricDirection.Parity,
        "context" => MetricDirection.Context,
        _ => null, // "up / down": each variable carries its own
    };

    [Fact]
    public void Every_metric_and_older_name_has_the_direction_of_Urbans_definition()
    {
        var pinned = FrameworkDirections();
        foreach (var metric in Catalog.AllMetrics)
        {
            var names = (metric.Aliases ?? []).Prepend(metric.Key).Where(pinned.ContainsKey).ToList();
            Assert.True(names.Count > 0, $"{metric.Key} is not in the framework table");
            Assert.All(names, n => Assert.True(pinned[n] == metric.Direction, $"{metric.Key}: the catalog says {metric.Direction}, the framework table says {pinned[n]} for {n}"));
        }
        Assert.Equal(MetricDirection.Up, pinned["index_air_hazard"]);
        Assert.Equal(MetricDirection.Up, pinned["index_air_quality"]);
        Assert.Equal(MetricDirection.Down, pinned["share_transportation_cost"]);
    }

    [Fact]
    public void The_air_quality_index_records_the_line_of_Urbans_code_it_follows()
    {
        var air = Catalog.AllMetrics.Single(m => m.Key == "index_air_hazard");
        Assert.Equal(MetricDirection.Up, air.Direction);
        Assert.Contains("air_toxicity_metric.qmd", air.Source, StringComparison.Ordinal);
        Assert.Contains("(resp_norm + canc_norm + neuro_norm)*-1", air.Source, StringComparison.Ordinal);
        Assert.Contains("higher means less hazard", air.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("more hazard", air.Description, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"`(?<name>[^`]+)`(?:\s*\((?<dir>up|down)\))?")]
    private static partial Regex VariableWithDirection();
}

/// <summary>The app with Urban's air toxics file for counties imported.</summary>
public sealed class AirQualityApp() : TestHost(new())
{
    public const string File = "components/environment_county_longitudinal.csv";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportCleanlyAsync(UrbanSource.PathOf(File), new Core.Import.ImportOptions { UserName = "fixture" });
    }
}

/// <summary>New York County (6 of 100 in 2019: among the most exposed) reads as such, not "better than 99%".</summary>
public sealed class AirQualityPageTests(AirQualityApp app) : IClassFixture<AirQualityApp>
{
    [Fact]
    public async Task New_York_County_ranks_among_the_most_exposed_counties()
    {
        var values = UrbanSource.ReadValues(AirQualityApp.File)
            .Where(kv => kv.Key.Year == 2019 && kv.Key.SubgroupType == "all" && kv.Value.Value is not null && kv.Value.Quality != DataQuality.Weak)
            .ToDictionary(kv => kv.Key.Fips, kv => kv.Value.Value!.Value);
        var county = values["36061"];
        Assert.Equal(6, county);
        var worse = values.Values.Count(v => v < county); // higher means less hazard: lower values are worse
        var share = (int)Math.Round(100.0 * worse / (values.Count - 1), MidpointRounding.AwayFromZero);
        Assert.True(share < 10, $"share {share}");
        var expected = share == 0 ? "fewer than 1%" : $"{share}%"; // never "0%" (Standing.Percent)

        using var client = app.Client();
        using var response = await client.GetAsync("/counties/36061/metrics/index_air_hazard?year=2019");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var words = Regex.Match(html, @"<p class=""distribution-summary"".*?</p>", RegexOptions.Singleline).Value;
        Assert.True(Regex.IsMatch(words, $@"Among all US counties: <span class=""verdict"">ranks [\d,]+(st|nd|rd|th)[^:]*: better than {Regex.Escape(expected)} of them\."), words);
        Assert.Contains("higher means less hazard", html, StringComparison.Ordinal);
    }
}
