using Microsoft.EntityFrameworkCore;
using Npgsql;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Tests.Infrastructure;

public class InfrastructureTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TestDatabase_is_migrated_and_empty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var context = database.CreateContext();

        Assert.Equal(provider, database.Provider);
        Assert.Equal(provider, context.Provider);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await context.Metrics.CountAsync());
    }

    [Fact]
    public async Task Postgres_database_is_dropped_on_dispose()
    {
        string name;
        await using (var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres))
        {
            name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
            Assert.True(await PostgresDatabaseExists(name));
        }
        Assert.False(await PostgresDatabaseExists(name));
    }

    [Fact]
    public async Task Sqlite_file_is_deleted_on_dispose()
    {
        string path;
        await using (var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite))
        {
            path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            Assert.True(File.Exists(path));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Postgres_server_is_version_15_or_later()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version_num", connection);
        var version = int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(version >= 150000, $"PostgreSQL server_version_num is {version}; 15 or later is needed.");
    }

    [Fact]
    public void Urban_data_folder_has_the_county_gender_file()
    {
        Assert.True(File.Exists(Path.Combine(TestEnvironment.RepoRoot, "UpwardMobility.sln")));
        var file = Path.Combine(TestEnvironment.UrbanDataPath, "released", "16_mobility-metrics_county_gender_longitudinal.csv");
        Assert.True(File.Exists(file), $"{file} is missing.");
        Assert.True(new FileInfo(file).Length > 0);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/x", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("ws://[::1]:5000/_blazor", true)]
    [InlineData("data:image/png;base64,AAAA", true)]
    [InlineData("https://cdn.jsdelivr.net/npm/x.js", false)]
    [InlineData("https://fonts.googleapis.com/css", false)]
    [InlineData("http://192.168.1.10/", false)]
    public void TrackedPage_classifies_hosts(string url, bool local) =>
        Assert.Equal(local, TrackedPage.IsLocal(url));

    private static async Task<bool> PostgresDatabaseExists(string name)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}

/// <summary>The web app on real Kestrel, driven by Chromium: the path every browser test takes.</summary>
[Collection(BrowserCollection.Name)]
public class BrowserInfrastructureTests(BrowserFixture browser)
{
    [Fact]
    public async Task Web_app_serves_home_page_to_chromium_on_kestrel()
    {
        await using var app = await TestHost.StartAsync(new() { Kestrel = true });
        var address = app.Address;
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);

        await using var tracked = await browser.NewPageAsync(address);
        var response = await tracked.Page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Empty(tracked.ExternalRequests);
    }
}
