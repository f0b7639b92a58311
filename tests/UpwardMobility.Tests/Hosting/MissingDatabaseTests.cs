using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UpwardMobility.Core.Data;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Hosting;

/// <summary>
/// PostgreSQL is up but the configured database was never created (SQLSTATE 3D000): the app creates it when its
/// account may, and otherwise stops with one line naming the database and how to create it.
/// </summary>
public class MissingDatabaseTests
{
    [Fact]
    public async Task The_app_creates_a_missing_database_when_its_account_may()
    {
        var name = "upward_missing_" + Guid.NewGuid().ToString("N");
        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = name }.ConnectionString;
        try
        {
            await using var app = await TestHost.StartAsync(new() { Provider = DatabaseProvider.Postgres, ConnectionString = connection });
            using var ready = await app.Client().GetAsync("/healthz/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("Los Angeles County", await app.Client().GetStringAsync("/counties/06037"), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(TestEnvironment.PostgresConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Without_the_right_to_create_it_start_up_stops_with_one_line_naming_the_database()
    {
        var role = "upward_nocreate_" + Guid.NewGuid().ToString("N")[..8];
        var name = "upward_missing_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(TestEnvironment.PostgresConnectionString, $"CREATE ROLE {role} LOGIN NOCREATEDB PASSWORD 'a test password'");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString)
            {
                Database = name,
                Username = role,
                Password = "a test password",
            }.ConnectionString;
            var stopped = await Assert.ThrowsAsync<StartupStoppedException>(() => MissingPostgresDatabase.EnsureExistsAsync(connection, NullLogger.Instance));
            Assert.DoesNotContain('\n', stopped.Message);
            Assert.Contains($"The PostgreSQL database \"{name}\" does not exist and {role} may not create it", stopped.Message, StringComparison.Ordinal);
            Assert.Contains($"CREATE DATABASE \"{name}\" OWNER \"{role}\"", stopped.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(TestEnvironment.PostgresConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
