using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Phone;

/// <summary>
/// The app on Kestrel over SQLite with real Urban files imported once for a test class (the county populations,
/// Urban's combined county file by gender, the housing file, and the transportation file, whose "Share of low-income commuters using
/// public transit" is the longest axis title of the charts), an admin account, and Los Angeles County's plan with one
/// priority and one target, so that every kind of page shows real values.
/// </summary>
public sealed class PhoneApp() : TestHost(new() { Kestrel = true, Files = Files })
{
    public const string AdminEmail = "phone-admin@example.org";
    public const string County = "06037";

    private static readonly string[] Files =
    [
        "components/county-populations.csv",
        "released/16_mobility-metrics_county_gender_longitudinal.csv",
        "components/transportation_all_county.csv",
        // "69 per 100 households": the longest value text of the county page's table.
        "components/housing_county_2014_2015_2016_2017_2018_2019_2021_2022_2023.csv",
    ];

    public string AdminId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AdminId = await CreateUserAsync(AdminEmail, Roles.Admin);

        await using var scope = Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<ActionPlanService>();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminEmail), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        var priority = await plans.AddPriorityAsync(admin, County, new PriorityInput { PredictorKey = "employment-opportunities", Rationale = "Fewer prime-age adults work here than in the state." });
        Assert.True(priority.Ok, priority.Message);
        var target = await plans.AddTargetAsync(admin, County, new TargetInput { MetricKey = "share_employed", TargetValue = 0.8, TargetYear = 2035 });
        Assert.True(target.Ok, target.Message);
    }

    /// <summary>A client over Kestrel signed in as the admin through the real sign-in form (cookies kept).</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(Address + "/"),
        };
        using var response = await HttpForms.SignInAsync(client, AdminEmail);
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    /// <summary>A client over Kestrel that does not follow redirects.</summary>
    public HttpClient Client() => Client(followRedirects: false);
}
