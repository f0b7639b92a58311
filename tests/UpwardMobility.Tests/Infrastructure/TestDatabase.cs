using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test class (or one test): a uniquely named database on the
/// test PostgreSQL cluster, or a SQLite file in a temp folder. Dropped / deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, IDbContextFactory<AppDbContext> factory,
        string? sqliteFolder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Factory = factory;
        _sqliteFolder = sqliteFolder;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string of this database (what <c>ConnectionStrings:Default</c> should be for the web app).</summary>
    public string ConnectionString { get; }

    public IDbContextFactory<AppDbContext> Factory { get; }

    public AppDbContext CreateContext() => Factory.CreateDbContext();

    /// <summary>Creates the database and applies the provider's migrations.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = provider switch
        {
            DatabaseProvider.Postgres => await CreatePostgresAsync(),
            DatabaseProvider.Sqlite => CreateSqlite(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        try
        {
            await using var context = database.CreateContext();
            await context.Database.MigrateAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = TestEnvironment.PostgresConnectionString;
        var name = "upward_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(options, connectionString);
        return new TestDatabase(DatabaseProvider.Postgres, connectionString,
            new ContextFactory<PostgresAppDbContext>(() => new PostgresAppDbContext(options.Options)), null, name);
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("upward-test-").FullName;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "test.db"),
            Pooling = false,
        }.ConnectionString;
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, connectionString);
        return new TestDatabase(DatabaseProvider.Sqlite, connectionString,
            new ContextFactory<SqliteAppDbContext>(() => new SqliteAppDbContext(options.Options)), folder, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
            await connection.OpenAsync();
            // WITH (FORCE) ends sessions still open on it (e.g. a web app under test).
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_sqliteFolder is not null)
        {
            using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private sealed class ContextFactory<TContext>(Func<TContext> create) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => create();
    }
}
