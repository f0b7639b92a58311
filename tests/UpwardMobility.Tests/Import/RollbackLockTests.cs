using Microsoft.EntityFrameworkCore;
using Npgsql;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Import;

/// <summary>
/// A rollback waits for an import in progress (here or in another process) instead of racing it. No timing decides
/// it: each test holds the lock, waits until the rollback is seen queued behind it (the app's gate counts its
/// waiters; PostgreSQL lists the waiting lock request), checks nothing was rolled back yet, then lets it go.
/// </summary>
public sealed class RollbackLockTests
{
    private const string File = "components/share_debt_2018.csv";

    [Fact]
    public async Task A_rollback_waits_while_an_import_holds_the_process_gate()
    {
        await using var app = await TestHost.StartAsync(new());
        var report = await app.ImportCleanlyAsync(UrbanSource.PathOf(File));
        var values = await CountValuesAsync(app);
        var gate = app.Get<ImportLock>();

        Task<RollbackResult> rollback;
        using (await gate.EnterAsync(CancellationToken.None)) // as an import does
        {
            rollback = Task.Run(() => app.Get<ImportHistoryService>().RollbackAsync(report.ImportId!.Value, "admin"));
            await Until(() => gate.Waiting == 1 || rollback.IsCompleted);
            Assert.False(rollback.IsCompleted, "the rollback ran while an import held the gate");
            Assert.Equal(values, await CountValuesAsync(app));
        }
        var result = await rollback.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Done, result.Message);
        Assert.Equal(0, await CountValuesAsync(app));
    }

    [Fact]
    public async Task A_rollback_waits_for_an_import_running_in_another_process()
    {
        await using var app = await TestHost.StartAsync(new() { Provider = DatabaseProvider.Postgres });
        var report = await app.ImportCleanlyAsync(UrbanSource.PathOf(File));
        var values = await CountValuesAsync(app);

        // Another process importing (the CLI next to the web app) holds the advisory lock inside its transaction.
        await using var other = new NpgsqlConnection(app.Database.ConnectionString);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportLock.AdvisoryLockKey})", other, otherTransaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var rollback = Task.Run(() => app.Get<ImportHistoryService>().RollbackAsync(report.ImportId!.Value, "admin"));
        await Until(async () => rollback.IsCompleted || await WaitingForAdvisoryLockAsync(app) == 1);
        Assert.False(rollback.IsCompleted, "the rollback ran while another process was importing");
        Assert.Equal(values, await CountValuesAsync(app));
        await otherTransaction.CommitAsync();

        var result = await rollback.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Done, result.Message);
        Assert.Equal(0, await CountValuesAsync(app));
    }

    private static async Task<int> CountValuesAsync(TestHost app)
    {
        await using var db = app.CreateContext();
        return await db.MetricValues.CountAsync();
    }

    /// <summary>Sessions of this database waiting for the import's advisory lock.</summary>
    private static async Task<long> WaitingForAdvisoryLockAsync(TestHost app)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
            "WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    /// <summary>Waits for a state, not for a time: the minute is only there so a broken lock fails instead of hanging.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the rollback neither finished nor queued for the lock within a minute");
            await Task.Delay(10);
        }
    }
}
