using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>Cached public pages change as soon as the data does, even when another process imported it.</summary>
public sealed class PublicDataCacheTests
{
    [Fact]
    public async Task An_import_outside_the_web_app_shows_on_the_next_request_of_a_cached_page()
    {
        await using var database = await ImportTestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var folder = new TempFolder();
        const string header = "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality";
        await database.ImportCleanlyAsync(folder.Write("first.csv", header, "2001,01,001,0.50,0.45,0.55,1", "2001,01,003,0.60,0.55,0.65,1"));
        await using var app = new WebAppFactory(database.Database) { Seed = false };
        using var client = app.CreateClient();
        const string url = "/rankings.csv?metric=share_employed&year=2001";

        var before = await client.GetStringAsync(url);
        Assert.Contains(",01001,", before, StringComparison.Ordinal);
        Assert.Equal(before, await client.GetStringAsync(url)); // served again, from the cache or not: the same

        // The importer runs without the web app (as the CLI does in another process): only the database changes.
        await database.ImportCleanlyAsync(folder.Write("second.csv", header, "2001,01,001,0.70,0.65,0.75,1"), new ImportOptions { UserName = "cli" });
        var after = await client.GetStringAsync(url);
        var first = after.Split('\n')[1].Split(',');
        Assert.Equal(["1", "01001"], first[..2]);
        Assert.Equal("0.7", first[8]);

        await database.History.RollbackAsync((await LatestImportIdAsync(database)), "cli");
        var rolledBack = await client.GetStringAsync(url);
        Assert.Equal("01003", rolledBack.Split('\n')[1].Split(',')[1]);
    }

    private static async Task<int> LatestImportIdAsync(ImportTestDatabase database)
    {
        await using var db = database.CreateContext();
        return db.Imports.Max(i => i.Id);
    }
}
