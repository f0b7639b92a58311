using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the test's own, in a temp folder on a free loopback port, that the test may stop and start
/// (the suite's shared cluster must stay up for every other test). The same set-up as <c>scripts/lib/postgres.sh</c>;
/// as root, PostgreSQL's tools run as the <c>postgres</c> user. Deleted on dispose.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PrivateCluster(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The maintenance database <c>postgres</c>, no pooling (a stopped server leaves no stale connections behind).</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    public static async Task<PrivateCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql (scripts/test.sh installs it).");
        var folder = Directory.CreateTempSubdirectory("upward-private-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "sock"));
        if (IsRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", folder);
        }
        var cluster = new PrivateCluster(folder, bin, FreePort());
        await cluster.PgAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "-N");
        await File.WriteAllTextAsync(Path.Combine(cluster.Data, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        await File.AppendAllTextAsync(Path.Combine(cluster.Data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{Path.Combine(folder, "sock")}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 100
            """);
        await cluster.StartAgainAsync();
        return cluster;
    }

    private string Data => Path.Combine(_folder, "data");

    public Task StartAgainAsync() =>
        PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-o", $"-p {Port}", "-w", "-t", "60", "start");

    /// <summary>Stops the server (fast: open sessions are ended, as in an outage or a failover).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]) : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
