using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.ImportPages;

/// <summary>The import pages answer over plain HTTP (server prerendering) to a signed-in analyst, on both providers.</summary>
public class ImportPagesHttpTests
{
    private const string Analyst = "analyst@example.org";

    private static async Task<HttpClient> AnalystClientAsync(TestHost app, params string[] roles)
    {
        await app.CreateUserAsync(Analyst, roles.Length > 0 ? roles : [Roles.Analyst]);
        return await app.SignedInClientAsync(Analyst);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_and_history_pages_render(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        var client = await AnalystClientAsync(app);

        using var import = await client.GetAsync("/import");
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var importHtml = await import.Content.ReadAsStringAsync();
        Assert.Contains("<h1", importHtml, StringComparison.Ordinal);
        Assert.Contains("Import data", importHtml, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", importHtml, StringComparison.Ordinal);
        Assert.Contains("up to 100 MB each", importHtml, StringComparison.Ordinal);

        using var history = await client.GetAsync("/import/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var historyHtml = await history.Content.ReadAsStringAsync();
        Assert.Contains("Import history", historyHtml, StringComparison.Ordinal);
        Assert.Contains("No file has been imported yet", historyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_limit_comes_from_configuration()
    {
        await using var app = await TestHost.StartAsync(new() { Settings = new Dictionary<string, string?> { ["Import:MaxUploadMegabytes"] = "7" } });
        var client = await AnalystClientAsync(app);
        var html = await client.GetStringAsync("/import");
        Assert.Contains("up to 7 MB each", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task History_lists_an_import_and_links_to_its_stored_report(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider });
        var client = await AnalystClientAsync(app, Roles.Analyst, Roles.Admin);
        var path = Path.Combine(TestEnvironment.UrbanDataPath, "components", "metrics_income_county_all_longitudinal.csv");
        var report = await app.Services.GetRequiredService<MetricImportService>()
            .ImportFileAsync(path, "income.csv", new ImportOptions { UserName = Analyst });
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        var id = report.ImportId!.Value;

        var history = await client.GetStringAsync("/import/history");
        Assert.Contains($"href=\"import/history/{id}\"", history, StringComparison.Ordinal);
        Assert.Contains("income.csv", history, StringComparison.Ordinal);
        Assert.Contains($">{Analyst}</td>", history, StringComparison.Ordinal);
        Assert.Contains($"title=\"{report.Sha256}\"", history, StringComparison.Ordinal);
        Assert.Contains(report.Sha256[..12], history, StringComparison.Ordinal);
        Assert.Contains("Roll back", history, StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/import/history/{id}");
        Assert.Contains($"Import {id}: income.csv", page, StringComparison.Ordinal);
        Assert.Contains(report.Sha256, page, StringComparison.Ordinal);
        Assert.Contains($"data-count=\"rows-read\"", page, StringComparison.Ordinal);
        Assert.Contains(report.RowsRead.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.Contains("pctl_income_50", page, StringComparison.Ordinal);

        using var missing = await client.GetAsync("/import/history/987654");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
