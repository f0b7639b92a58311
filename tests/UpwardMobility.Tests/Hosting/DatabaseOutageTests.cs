using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Hosting;

/// <summary>
/// PostgreSQL goes away under a running app (its own cluster, stopped and started again): an import in progress
/// fails with nothing written, pages answer the friendly 503, readiness says unhealthy while liveness stays up, and
/// once the database is back the app serves again, and the same import succeeds, without a restart.
/// </summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task The_app_survives_a_database_outage_and_an_import_caught_in_it_writes_nothing()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await cluster.CreateDatabaseAsync("upward");
        await using var app = await TestHost.StartAsync(new()
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = cluster.ConnectionString("upward"),
            DemoData = true,
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?> { ["AllowedHosts"] = "localhost" },
        });
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counties/06037")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var (valuesBefore, importsBefore) = await CountsAsync(factory);

        // An import paused in the middle of its transaction (inside its progress report), then the database stops.
        const string name = "metrics_income_county_all_longitudinal.csv";
        var file = Path.Combine(TestEnvironment.UrbanDataPath, "components", name);
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var resume = new ManualResetEventSlim();
        var progress = new PausingProgress(paused, resume);
        var importer = app.Services.GetRequiredService<MetricImportService>();
        var import = Task.Run(() => importer.ImportFileAsync(file, name, new ImportOptions { UserName = "test:outage" }, progress));
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cluster.StopAsync();
        resume.Set();
        var failure = await Record.ExceptionAsync(() => import.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.NotNull(failure);
        Assert.True(UpwardMobility.Web.Hosting.ExpectedFailures.IsDatabaseOutage(failure), failure.ToString());

        // While it is down.
        using (var page = await client.GetAsync("/counties/06037?year=2021"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("The dashboard is briefly unavailable", html, StringComparison.Ordinal);
            Assert.True(page.Headers.Contains("Retry-After"));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);

        // Back again: no restart of the app.
        await cluster.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await RetryAsync(() => client.GetAsync("/healthz/ready"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counties/06037?year=2022")).StatusCode);
        Assert.Equal((valuesBefore, importsBefore), await CountsAsync(factory));

        var report = await importer.ImportFileAsync(file, name, new ImportOptions { UserName = "test:outage" });
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal(importsBefore + 1, (await CountsAsync(factory)).Imports);
    }

    private static async Task<(int Values, int Imports)> CountsAsync(IDbContextFactory<AppDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return (await db.MetricValues.CountAsync(), await db.Imports.CountAsync());
    }

    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; ; i++)
        {
            var response = await send();
            if (response.IsSuccessStatusCode || i == 20)
            {
                return response;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>Blocks the importer at its first progress report with rows read, until released.</summary>
    private sealed class PausingProgress(TaskCompletionSource paused, ManualResetEventSlim resume) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.RowsRead >= 8192 && paused.TrySetResult())
            {
                resume.Wait(TimeSpan.FromSeconds(60));
            }
        }
    }
}
