using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Imports and rollbacks run one at a time: two transactions upserting or restoring overlapping keys would deadlock on
/// PostgreSQL or time out on SQLite, and a rollback racing an import could restore a value the import just replaced.
/// A gate serialises them within the process; on PostgreSQL an advisory lock does the same across processes
/// (the CLI next to the web app).
/// </summary>
public static class ImportLock
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    public const long AdvisoryLockKey = 0x5550_4D4F_4249;

    public static async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        return new Release();
    }

    /// <summary>Inside the caller's transaction; released when it ends.</summary>
    public static async Task LockDatabaseAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
    }

    private sealed class Release : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Gate.Release();
            }
        }
    }
}
