using Npgsql;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>A rollback waits for an import in progress (here or in another process) instead of racing it.</summary>
public sealed class RollbackLockTests
{
    [Fact]
    public async Task A_rollback_waits_while_an_import_holds_the_process_gate()
    {
        await using var database = await ImportTestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var report = await database.ImportCleanlyAsync(UrbanSource.PathOf("components/share_debt_2018.csv"));

        Task<RollbackResult> rollback;
        using (await ImportLock.EnterAsync(CancellationToken.None))
        {
            rollback = Task.Run(() => database.History.RollbackAsync(report.ImportId!.Value, "admin"));
            await Task.Delay(300);
            Assert.False(rollback.IsCompleted, "the rollback ran while an import held the gate");
        }
        var result = await rollback.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Done, result.Message);
        Assert.Equal(0, await database.CountValuesAsync());
    }

    [Fact]
    public async Task A_rollback_waits_for_an_import_running_in_another_process()
    {
        await using var database = await ImportTestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var report = await database.ImportCleanlyAsync(UrbanSource.PathOf("components/share_debt_2018.csv"));

        // Another process importing (the CLI next to the web app) holds the advisory lock inside its transaction.
        await using var other = new NpgsqlConnection(database.Database.ConnectionString);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportLock.AdvisoryLockKey})", other, otherTransaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var rollback = Task.Run(() => database.History.RollbackAsync(report.ImportId!.Value, "admin"));
        await Task.Delay(500);
        Assert.False(rollback.IsCompleted, "the rollback ran while another process was importing");
        await otherTransaction.CommitAsync();

        var result = await rollback.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Done, result.Message);
        Assert.Equal(0, await database.CountValuesAsync());
    }
}
