using Microsoft.Extensions.Logging;
using Npgsql;

namespace UpwardMobility.Core.Data;

/// <summary>
/// PostgreSQL up but the configured database not created (SQLSTATE 3D000): created when the account may create
/// databases, else start-up stops with one line naming the database and how to create it.
/// </summary>
public static class MissingPostgresDatabase
{
    public const string InvalidCatalogName = "3D000";

    public static async Task EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken ct = default)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(ct);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == InvalidCatalogName)
        {
            // Created below.
        }
        var wanted = new NpgsqlConnectionStringBuilder(connectionString);
        var name = wanted.Database ?? "";
        var user = wanted.Username ?? Environment.UserName;
        var howTo = $"create it as a PostgreSQL superuser: CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" OWNER \"{user}\"; " +
            "(or: createdb -O " + user + " " + name + "), then start again.";
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
            logger.LogWarning("The PostgreSQL database {Database} did not exist: created it (as {User}).", name, user);
        }
        catch (PostgresException ex) when (ex.SqlState == "42P04")
        {
            // Another instance created it a moment ago.
        }
        catch (Exception ex) when (ex is PostgresException or NpgsqlException)
        {
            throw new StartupStoppedException(
                $"The PostgreSQL database \"{name}\" does not exist and {user} may not create it ({ex.Message.Split('\n')[0].Trim()}): {howTo}");
        }
    }
}
