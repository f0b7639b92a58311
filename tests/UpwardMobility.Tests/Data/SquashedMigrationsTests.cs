using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Data;

/// <summary>
/// The migrations were squashed into one: a database made by an older build (its history names migrations this build
/// does not have) is recreated when it is a SQLite demo database, and refused with a message when it holds real imports.
/// </summary>
public sealed class SquashedMigrationsTests
{
    private const string OldMigration = "20261129181257_Initial";

    private static DataFiles Files => DataFiles.InFolder(Path.Combine(TestEnvironment.RepoRoot, "data"));

    [Fact]
    public async Task An_older_sqlite_demo_database_is_recreated_and_seeded_again()
    {
        await using var app = await TestHost.StartAsync(new() { DemoData = true });
        await using (var db = app.CreateContext())
        {
            Assert.True(await db.Imports.AnyAsync(i => i.IsDemo));
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('{OldMigration}', '10.0.0')");
        }

        await app.Get<DatabaseInitializer>().InitializeAsync(Files, seedDemo: true);

        await using (var db = app.CreateContext())
        {
            Assert.DoesNotContain(OldMigration, await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Imports.AnyAsync(i => i.IsDemo), "the demo data is seeded again");
            Assert.True(await db.Geographies.CountAsync() > 3000, "the county list is loaded again");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_older_database_with_real_imports_is_refused_with_what_to_do(DatabaseProvider provider)
    {
        await using var app = await TestHost.StartAsync(new() { Provider = provider, Files = ["components/ratio_pop_pcp_metric_all_county.csv"] });
        await using (var db = app.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('{OldMigration}', '10.0.0')");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Get<DatabaseInitializer>().InitializeAsync(Files, seedDemo: false));

        Assert.Contains("made by an older build", error.Message, StringComparison.Ordinal);
        Assert.Contains("real imports", error.Message, StringComparison.Ordinal);
        await using var after = app.CreateContext();
        Assert.True(await after.Imports.AnyAsync(i => !i.IsDemo), "nothing was deleted");
    }
}
