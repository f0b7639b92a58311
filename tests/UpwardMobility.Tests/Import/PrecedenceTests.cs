using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Dashboard;
using UpwardMobility.Tests.Infrastructure;
using UpwardMobility.Tests.Metrics;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// Issue 22, item 2: the same key from several of Urban's files. Real headline files (employment, digital access, the
/// county populations) with two small files in Urban's formats that have none here: an employment-by-disability
/// subgroup file whose <c>All</c> rows are the 5-year survey (Los Angeles 2023: 78.3% where the headline file says
/// 80.3%), and a race release (<c>02_mobility-metrics_race_longitudinal.csv</c>) with the older broadband-only
/// definition of digital access (Autauga 2021: 0.880 where the 2025 file says 0.632) and ACS populations (58,805
/// where <c>county-populations.csv</c> says 59,095). One app imports them in one order, the other in the reverse.
/// </summary>
public sealed class PrecedenceApps : IAsyncLifetime
{
    public const string Employment = "components/metrics_employment_county_all_longitudinal.csv";
    public const string Digital = "components/digital_access_county_all_longitudinal.csv";
    public const string Populations = "components/county-populations.csv";
    public const string SubgroupFile = "metrics_employment_county_disability_longitudinal.csv";
    public const string ReleaseFile = "02_mobility-metrics_race_longitudinal.csv";

    private readonly TempFolder _temp = new();

    public TestHost Forward { get; private set; } = null!;
    public TestHost Reverse { get; private set; } = null!;

    /// <summary>Each file's import report, by file name, in the forward app (headline files first).</summary>
    public Dictionary<string, ImportReport> ForwardReports { get; } = [];

    public Dictionary<string, ImportReport> ReverseReports { get; } = [];

    public async Task InitializeAsync()
    {
        var subgroup = _temp.Write(SubgroupFile,
            "year,state,county,subgroup_type,subgroup,share_employed,share_employed_lb,share_employed_ub,share_employed_quality",
            "2021,06,037,all,All,0.781,0.778,0.784,1",
            "2021,06,037,disability,With a disability,0.452,0.44,0.464,1",
            "2021,06,037,disability,Without a disability,0.812,0.809,0.815,1",
            "2023,06,037,all,All,0.783,0.780,0.786,1",
            "2023,06,037,disability,With a disability,0.461,0.449,0.473,1",
            "2023,06,037,disability,Without a disability,0.815,0.812,0.818,1",
            "2023,01,001,all,All,0.741,0.70,0.78,2",
            "2023,01,001,disability,With a disability,0.39,0.30,0.48,3",
            "2023,01,001,disability,Without a disability,0.79,0.75,0.83,2");
        var release = _temp.Write(ReleaseFile,
            "year,state,county,state_name,county_name,subgroup_type,subgroup,population,share_digital_access,share_digital_access_quality,share_employed,share_employed_lb,share_employed_ub,share_employed_quality",
            "2021,01,001,Alabama,Autauga County,all,All,58805,0.880,1,0.772,0.74,0.80,2",
            "2021,01,001,Alabama,Autauga County,race-ethnicity,\"Black, Non-Hispanic\",,0.801,1,0.70,0.62,0.78,3",
            "2021,01,001,Alabama,Autauga County,race-ethnicity,\"White, Non-Hispanic\",,0.902,1,0.79,0.75,0.83,2",
            "2023,06,037,California,Los Angeles County,all,All,1000,0.951,1,0.781,0.779,0.783,1",
            "2023,06,037,California,Los Angeles County,race-ethnicity,Hispanic,,0.93,1,0.77,0.76,0.78,1");
        string[] forward = [UrbanSource.PathOf(Populations), UrbanSource.PathOf(Employment), UrbanSource.PathOf(Digital), subgroup, release];
        Forward = await StartAsync(forward, ForwardReports);
        Reverse = await StartAsync([.. forward.Reverse()], ReverseReports);
    }

    private static async Task<TestHost> StartAsync(IEnumerable<string> files, Dictionary<string, ImportReport> reports)
    {
        var host = await TestHost.StartAsync(new());
        foreach (var file in files)
        {
            reports[Path.GetFileName(file)] = await host.ImportCleanlyAsync(file, new ImportOptions { UserName = "fixture" });
        }
        return host;
    }

    public async Task DisposeAsync()
    {
        await Forward.DisposeAsync();
        await Reverse.DisposeAsync();
        _temp.Dispose();
    }
}

public sealed class PrecedenceTests(PrecedenceApps apps) : IClassFixture<PrecedenceApps>
{
    private static async Task<string> GetAsync(TestHost app, string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Table(string html, string id) =>
        Regex.Match(html, $"<table class=\"data-table\" id=\"{id}\">.*?</table>", RegexOptions.Singleline).Value;

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    public static TheoryData<string> Pages => new()
    {
        "/counties/06037/metrics/share_employed?year=2023",
        "/counties/06037/metrics/share_employed.csv?year=2023",
        "/counties/06037/metrics/share_employed.csv?year=2021&subgroup_type=disability",
        "/counties/01001/metrics/share_digital_access?year=2021",
        "/counties/01001/metrics/share_digital_access.csv?year=2021",
        "/counties/01001/metrics/share_digital_access.csv?year=2021&subgroup_type=race-ethnicity",
        "/counties/06037",
        "/counties/01001",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Both_import_orders_give_the_same_page(string path)
    {
        // Import ids differ between the two apps (and are no part of what a page says); everything else must agree.
        // Blazor's protected component state is encrypted afresh for every response.
        static string Normalized(string page) => Regex.Replace(Regex.Replace(page, @"Component-State:[A-Za-z0-9+/=_-]*", ""), @"imports?/\d+|import(_id)?[=#]\d+", "import");
        Assert.Equal(Normalized(await GetAsync(apps.Forward, path)), Normalized(await GetAsync(apps.Reverse, path)));
    }

    [Fact]
    public async Task Los_Angeles_keeps_the_headline_files_2023_employment_with_its_provenance()
    {
        foreach (var app in new[] { apps.Forward, apps.Reverse })
        {
            var html = await GetAsync(app, "/counties/06037/metrics/share_employed?year=2023");
            var trend = Text(Table(html, "trend-table"));
            Assert.Contains("2023 80.3%", trend, StringComparison.Ordinal);
            Assert.DoesNotContain("78.3%", trend, StringComparison.Ordinal);
            Assert.Contains("metrics_employment_county_all_longitudinal.csv (headline file)", trend, StringComparison.Ordinal);
            Assert.DoesNotContain(PrecedenceApps.SubgroupFile, trend, StringComparison.Ordinal);
            Assert.DoesNotContain("down 1.7 percentage points", Text(html), StringComparison.Ordinal);

            var csv = MetricCsvRows.Parse(await GetAsync(app, "/counties/06037/metrics/share_employed.csv?year=2023"));
            var row = csv.Section("trend").Single(r => r["year"] == "2023");
            UrbanSource.AssertClose(0.8034928125938031, MetricCsvRows.Number(row["value"]), "LA 2023");
            Assert.Equal("metrics_employment_county_all_longitudinal.csv", row["source_file"]);
            Assert.Equal("headline file", row["source_kind"]);
        }
    }

    [Fact]
    public async Task Autaugas_digital_access_keeps_the_2025_definition_over_the_release()
    {
        foreach (var app in new[] { apps.Forward, apps.Reverse })
        {
            var trend = Text(Table(await GetAsync(app, "/counties/01001/metrics/share_digital_access?year=2021"), "trend-table"));
            Assert.Contains("2021 63.2%", trend, StringComparison.Ordinal);
            Assert.DoesNotContain("88.0%", trend, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_import_report_says_which_values_it_kept_and_why()
    {
        var subgroup = apps.ForwardReports[PrecedenceApps.SubgroupFile];
        Assert.Equal(SourceKind.SubgroupFile, subgroup.SourceKind);
        Assert.Equal(3, subgroup.ValuesKept); // LA 2021 and 2023, Autauga 2023: the headline file's values stay
        Assert.Contains("kept 3 values from metrics_employment_county_all_longitudinal.csv (a headline file), which outranks this file", subgroup.Summary, StringComparison.Ordinal);
        var release = apps.ForwardReports[PrecedenceApps.ReleaseFile];
        Assert.Equal(SourceKind.CombinedRelease, release.SourceKind);
        Assert.Contains(release.Kept, k => k.Contains("from digital_access_county_all_longitudinal.csv (a headline file)", StringComparison.Ordinal));
        Assert.Equal(SourceKind.PopulationFile, apps.ForwardReports["county-populations.csv"].SourceKind);
        Assert.Equal(SourceKind.HeadlineFile, apps.ForwardReports["metrics_employment_county_all_longitudinal.csv"].SourceKind);
        // In the reverse order the headline files come later and replace; nothing is kept from the weaker files.
        Assert.Equal(0, apps.ReverseReports[PrecedenceApps.SubgroupFile].ValuesKept);
        Assert.True(apps.ReverseReports["metrics_employment_county_all_longitudinal.csv"].ValuesReplaced >= 3);
    }

    [Fact]
    public async Task Population_weights_come_from_the_population_file_and_the_benchmarks_still_agree_with_Urbans()
    {
        foreach (var app in new[] { apps.Forward, apps.Reverse })
        {
            await using (var db = app.CreateContext())
            {
                var autauga = await db.GeographyPopulations.AsNoTracking()
                    .Where(p => p.Year == 2021 && db.Geographies.Any(g => g.Id == p.GeographyId && g.Fips == "01001"))
                    .Select(p => p.Population).SingleAsync();
                Assert.Equal(59095, autauga);
            }
            var factory = app.Get<IDbContextFactory<AppDbContext>>();
            var cache = new CountyDistributionCache(factory, new DataVersion(factory));
            await using var ctx = app.CreateContext();
            var id = await ctx.Metrics.Where(m => m.Key == "share_employed").Select(m => m.Id).SingleAsync();
            var d = await cache.GetAsync([id]);
            foreach (short year in new short[] { 2021, 2023 })
            {
                var (median, _) = IndependentBenchmark.Of(PrecedenceApps.Employment, "share_employed", year);
                var benchmark = d.Benchmark(id, year, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope)!;
                UrbanSource.AssertClose(median, benchmark.Value, $"US weighted median {year}");
            }
            var stamp = Text(await GetAsync(app, "/counties/06037/metrics/share_employed?year=2023"));
            Assert.Contains("county-populations.csv", stamp, StringComparison.Ordinal);
        }
    }
}
