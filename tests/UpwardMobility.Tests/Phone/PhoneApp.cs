using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Accounts;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Phone;

/// <summary>
/// The app on Kestrel over SQLite with real Urban files imported once for a test class (the county populations,
/// Urban's combined county file by gender, and the transportation file, whose "Share of low-income commuters using
/// public transit" is the longest axis title of the charts), an admin account, and Los Angeles County's plan with one
/// priority and one target, so that every kind of page shows real values.
/// </summary>
public sealed class PhoneApp : IAsyncLifetime
{
    public const string AdminEmail = "phone-admin@example.org";
    public const string County = "06037";

    private static readonly string[] Files =
    [
        "components/county-populations.csv",
        "released/16_mobility-metrics_county_gender_longitudinal.csv",
        "components/transportation_all_county.csv",
    ];

    private TestDatabase? _database;
    private WebAppFactory? _app;

    public string Address { get; private set; } = "";

    public string AdminId { get; private set; } = "";

    public WebAppFactory App => _app ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new WebAppFactory(_database) { Seed = false };
        Address = _app.StartKestrel();
        var importer = new MetricImportService(_database.Factory, NullLogger<MetricImportService>.Instance);
        foreach (var file in Files)
        {
            var report = await importer.ImportFileAsync(UrbanSource.PathOf(file), Path.GetFileName(file), new ImportOptions { UserName = "fixture" }, null, default);
            ImportTestDatabase.AssertCleanImport(report);
        }
        AdminId = await TestAccounts.CreateUserAsync(_app, AdminEmail, Roles.Admin);

        await using var scope = _app.Services.CreateAsyncScope();
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
        using var response = await TestAccounts.SignInAsync(client, AdminEmail, TestAccounts.Password);
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Address + "/") };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
