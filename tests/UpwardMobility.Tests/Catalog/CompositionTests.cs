using System.Net;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Catalog;

/// <summary>
/// Issue 22, items 3 and 4: in Urban's homelessness subgroup files a group's <c>share_homeless</c> is its share of the
/// place's homeless students (Autauga 2021: 15 of 42 = 0.357), a composition, and group counts follow group sizes.
/// No such file is among the real ones, so a small one in Urban's format stands in.
/// </summary>
public sealed class CompositionApp() : TestHost(new())
{
    private TempFolder? _temp;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _temp = new TempFolder(); // made here, after the host started, as the file is read at once
        var file = _temp.Write("homelessness_county_race-ethnicity.csv",
            "year,state,county,subgroup_type,subgroup,count_homeless,count_homeless_lb,count_homeless_ub,share_homeless,count_homeless_quality,share_homeless_quality",
            "2021,01,001,all,All,42,42,42,0.0045,1,1",
            "2021,01,001,race-ethnicity,\"Black, Non-Hispanic\",15,15,15,0.357,1,1",
            "2021,01,001,race-ethnicity,\"White, Non-Hispanic\",20,20,20,0.476,1,1",
            "2021,01,001,race-ethnicity,Hispanic,2,0,4,0.048,1,1",
            "2021,01,001,race-ethnicity,Other,5,5,5,0.119,1,1");
        await ImportCleanlyAsync(file, new ImportOptions { UserName = "fixture" });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _temp?.Dispose();
    }
}

public sealed class CompositionTests(CompositionApp app) : IClassFixture<CompositionApp>
{
    private async Task<string> TextAsync(string path)
    {
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");
    }

    [Fact]
    public async Task Homeless_students_by_group_read_as_a_composition_never_a_gap()
    {
        var page = await TextAsync("/counties/01001/metrics/share_homeless?year=2021");
        Assert.Contains("35.7% of Autauga County’s homeless students are Black, Non-Hispanic", page, StringComparison.Ordinal);
        Assert.Contains("a composition, not rates", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Largest gap", page, StringComparison.Ordinal);
        Assert.DoesNotContain("a gap of 35.7 percentage points", page, StringComparison.Ordinal);

        var county = await TextAsync("/counties/01001");
        Assert.DoesNotContain("White, Non-Hispanic 47.6% vs", county, StringComparison.Ordinal);
        Assert.DoesNotContain("Hispanic 20 vs", county, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_of_homeless_students_by_group_are_never_a_gap()
    {
        var page = await TextAsync("/counties/01001/metrics/count_homeless?year=2021");
        Assert.Contains("Black, Non-Hispanic", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Largest gap", page, StringComparison.Ordinal);
        Assert.DoesNotContain("a gap of", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// The plan editor offered "White, Non-Hispanic minus Black, Non-Hispanic" of share_homeless (a composition) and of
    /// count_homeless (a count), and the plan saved them: the same rule as the summary's gaps now keeps both out.
    /// </summary>
    [Fact]
    public async Task A_plan_offers_and_accepts_no_gap_between_groups_of_a_composition_or_a_count()
    {
        var plans = app.Get<Core.Plans.ActionPlanService>();
        var choices = (await plans.GetChoicesAsync("01001"))!;
        Assert.Contains(choices.Subgroups, g => g.Subgroup == "Black, Non-Hispanic"); // the groups are there for value targets
        Assert.DoesNotContain(choices.Gaps, g => g.MetricKey is "share_homeless" or "count_homeless");

        var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "composition-admin@example.org"), new(System.Security.Claims.ClaimTypes.Role, Core.Accounts.Roles.Admin)], "test"));
        await app.CreateUserAsync("composition-admin@example.org", Core.Accounts.Roles.Admin);
        foreach (var (metric, words) in new[] { ("share_homeless", "are shares of the county's homeless students, not rates within each group"), ("count_homeless", "is a count, which follows each group's size") })
        {
            var result = await plans.AddTargetAsync(admin, "01001", new Core.Plans.TargetInput
            {
                MetricKey = metric,
                Kind = Core.Plans.PlanTargetKind.Gap,
                SubgroupType = "race-ethnicity",
                Subgroup = "White, Non-Hispanic",
                SecondSubgroup = "Black, Non-Hispanic",
                TargetValue = 0,
                TargetYear = 2035,
                ConfirmDirection = true,
            });
            Assert.False(result.Ok, metric);
            Assert.Contains(words, result.Message, StringComparison.Ordinal);
        }
        Assert.True((await plans.GetPlanAsync("01001"))!.Targets.Count == 0);
    }
}
