using System.Net;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Cities;

/// <summary>
/// Connecticut's 8 old counties and 9 planning regions (2022), related by the tract crosswalk: the data file, what is
/// stored, and what the county pages and the admin page say.
/// </summary>
public class ConnecticutCrosswalkTests
{
    private static readonly string[] Regions = ["09110", "09120", "09130", "09140", "09150", "09160", "09170", "09180", "09190"];

    private static List<GeographyRelationsLoader.SuccessionRow> FileRows() =>
        GeographyRelationsLoader.ReadSuccessions(ImportTestDatabase.GeoPath("county-successions.csv"));

    [Fact]
    public void Shares_sum_to_one_per_planning_region_and_per_old_county()
    {
        var rows = FileRows();
        Assert.Equal(Regions, rows.Select(r => r.SuccessorFips).Distinct().Order());
        foreach (var region in rows.GroupBy(r => r.SuccessorFips))
        {
            Assert.True(Math.Abs(region.Sum(r => r.ShareOfSuccessor) - 1) < 1e-9, $"{region.Key}: shares sum to {region.Sum(r => r.ShareOfSuccessor)}");
        }
        Assert.Equal(8, rows.Select(r => r.FormerFips).Distinct().Count());
        foreach (var county in rows.GroupBy(r => r.FormerFips))
        {
            Assert.True(Math.Abs(county.Sum(r => r.ShareOfFormer) - 1) < 1e-9, $"{county.Key}: shares sum to {county.Sum(r => r.ShareOfFormer)}");
        }
    }

    [Fact]
    public void Tracts_and_shares_are_those_of_the_source_crosswalk()
    {
        var tracts = CitySource.ReadCrosswalk("tract_crosswalk_2022_connecticut.csv");
        Assert.Equal(879, tracts.Count);
        var pairs = tracts.GroupBy(t => (t["county_fips_2020"], t["ce_fips_2022"])).ToDictionary(g => g.Key, g => g.Count());
        var rows = FileRows();
        Assert.Equal(pairs.Count, rows.Count);
        foreach (var row in rows)
        {
            var n = pairs[(row.FormerFips, row.SuccessorFips)];
            Assert.Equal(n, row.Tracts);
            var ofSuccessor = (double)n / tracts.Count(t => t["ce_fips_2022"] == row.SuccessorFips);
            var ofFormer = (double)n / tracts.Count(t => t["county_fips_2020"] == row.FormerFips);
            // 4 decimals, rounded so that each group sums to exactly 1: within one unit of the 4th decimal.
            Assert.InRange(row.ShareOfSuccessor, ofSuccessor - 0.0001, ofSuccessor + 0.0001);
            Assert.InRange(row.ShareOfFormer, ofFormer - 0.0001, ofFormer + 0.0001);
        }
        // Each old county is replaced by exactly the regions it shares tracts with (no longer all nine).
        var counties = CountyListLoader.Read(ImportTestDatabase.CountiesPath).ToDictionary(c => c.Fips);
        foreach (var former in rows.GroupBy(r => r.FormerFips))
        {
            Assert.True(counties[former.Key].Historical);
            Assert.Equal(former.Select(r => r.SuccessorFips).Order(), CountyAdminServiceSplit(counties[former.Key].ReplacedBy).Order());
        }
    }

    private static List<string> CountyAdminServiceSplit(string? list) => Core.Admin.CountyAdminService.SplitFips(list);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task County_profiles_carry_the_stored_shares(DatabaseProvider provider)
    {
        await using var db = await ImportTestDatabase.CreateAsync(provider, withCities: true);
        await using (var context = db.CreateContext())
        {
            var sums = await (from s in context.CountySuccessions
                              join g in context.Geographies on s.SuccessorId equals g.Id
                              group s by g.Fips into region
                              select new { Fips = region.Key, Sum = region.Sum(s => s.ShareOfSuccessor) }).ToListAsync();
            Assert.Equal(Regions, sums.Select(s => s.Fips).Order());
            Assert.All(sums, s => Assert.True(Math.Abs(s.Sum - 1) < 1e-9, $"{s.Fips}: {s.Sum}"));
        }
        var profiles = new CountyProfileService(db.Factory);

        var capitol = await profiles.GetAsync("09110");
        Assert.Equal([new GeographyLink("09003", "Hartford County", "CT"), new GeographyLink("09013", "Tolland County", "CT")], capitol!.Replaces);
        Assert.Equal([("09003", "09110", 218, 0.8755, 0.9276), ("09013", "09110", 31, 0.1245, 0.9688)],
            capitol.SuccessionShares.Select(s => (s.FormerFips, s.SuccessorFips, s.Tracts, s.ShareOfSuccessor, s.ShareOfFormer)));

        var fairfield = await profiles.GetAsync("09001");
        Assert.Equal(["09120", "09140", "09190"], fairfield!.ReplacedBy.Select(r => r.Fips));
        Assert.Equal(1.0, fairfield.SuccessionShares.Sum(s => s.ShareOfFormer), 9);

        // No crosswalk for Alaska's 2019 change: the links stay, with no shares.
        var chugach = await profiles.GetAsync("02063");
        Assert.Equal(["02261"], chugach!.Replaces.Select(r => r.Fips));
        Assert.Empty(chugach.SuccessionShares);
    }

    [Fact]
    public async Task County_pages_and_the_admin_page_show_the_shares()
    {
        await using var app = await TestHost.StartAsync(new());
        var anonymous = app.BrowserLikeClient();

        var capitol = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/counties/09110"));
        Assert.Contains("Of Capitol Planning Region's census tracts, 88% were in Hartford County and 12% in Tolland County.", Squash(capitol), StringComparison.Ordinal);
        Assert.Contains("approximate (share of census tracts)", capitol, StringComparison.Ordinal);

        var fairfield = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/counties/09001"));
        Assert.Contains(
            "Of its census tracts, 35% are now in Greater Bridgeport Planning Region, 4% in Naugatuck Valley Planning Region and 62% in Western Connecticut Planning Region.",
            Squash(fairfield), StringComparison.Ordinal);
        Assert.DoesNotContain("Capitol Planning Region", fairfield, StringComparison.Ordinal);

        // Alaska's change has no crosswalk: no share sentence.
        var chugach = await anonymous.GetStringAsync("/counties/02063");
        Assert.Contains("A newer county", chugach, StringComparison.Ordinal);
        Assert.DoesNotContain("succession-shares", chugach, StringComparison.Ordinal);

        await app.CreateUserAsync("admin@example.org", [Roles.Admin]);
        var admin = await app.SignedInClientAsync("admin@example.org");
        using var response = await admin.GetAsync("/admin/counties/09110");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Squash(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Contains("approximate (share of census tracts)", page, StringComparison.Ordinal);
        Assert.Contains("09003 Hartford County</a></td> <td><a href=\"admin/counties/09110\">09110 Capitol Planning Region</a></td> <td class=\"num\">218</td> <td class=\"num\">87.6%</td> <td class=\"num\">92.8%</td>",
            page, StringComparison.Ordinal);
    }

    /// <summary>Runs of white space as one space, so sentences split over lines of markup read as they render.</summary>
    private static string Squash(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " ");
}
