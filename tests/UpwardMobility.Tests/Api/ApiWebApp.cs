using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Plans;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Api;

/// <summary>
/// The app on Kestrel (SQLite) with two real Urban files (employment for every county, with race-ethnicity groups; the
/// county populations the benchmarks weigh by), a plan for Autauga County made by a planner, the API's rate limit at
/// <see cref="PerMinute"/> per client address, and the telemetry also exported in memory.
/// </summary>
public sealed class ApiWebApp() : TestHost(new()
{
    Kestrel = true,
    Files = ["components/metrics_employment_county_all_longitudinal.csv", "components/county-populations.csv"],
    Settings = new Dictionary<string, string?> { ["Api:RateLimit:PerClientPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    ClientAddress = IPAddress.Parse("192.0.2.1"),
    Services = services => services.AddOpenTelemetry()
        .WithTracing(t => t.AddInMemoryExporter(Spans))
        .WithMetrics(m => m.AddInMemoryExporter(Metrics)),
})
{
    public const int PerMinute = 40;
    public const string Autauga = "01001";
    public const string PlannerEmail = "api-planner@example.org";

    // Static because the options given to the base constructor cannot refer to the instance.
    public static readonly List<Activity> Spans = [];
    public static readonly List<Metric> Metrics = [];

    private static int _nextAddress = 10;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateUserAsync(PlannerEmail, Roles.Planner, Autauga);
        var planner = await PrincipalAsync(PlannerEmail);
        var plans = Get<ActionPlanService>();
        var priority = await plans.AddPriorityAsync(planner, Autauga, new PriorityInput { PredictorKey = "employment-opportunities", Rationale = "Prime-age employment lags the state." });
        Assert.True(priority.Ok, priority.Message);
        var target = await plans.AddTargetAsync(planner, Autauga, new TargetInput
        {
            MetricKey = "share_employed",
            TargetValue = 0.82,
            TargetYear = 2030,
            BaselineYear = 2018,
            Owner = "Workforce board",
            Strategy = "Apprenticeships.",
        });
        Assert.True(target.Ok, target.Message);
    }

    /// <summary>A client of the API seen from its own address, so its requests count against no other test's limit.</summary>
    public HttpClient ClientFromOwnAddress()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add(WebAppFactory.ClientAddressHeader, $"198.51.100.{Interlocked.Increment(ref _nextAddress)}");
        return client;
    }
}
