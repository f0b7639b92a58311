using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Imports and rollbacks run one at a time: two transactions upserting or restoring overlapping keys would deadlock on
/// PostgreSQL or time out on SQLite, and a rollback racing an import could restore a value the import just replaced.
/// The gate (one per app: a singleton of the container) serialises them within the process; on PostgreSQL an
/// advisory lock does the same across processes (the CLI next to the web app).
/// </summary>
public sealed class ImportLock
{
    public const long AdvisoryLockKey = 0x5550_4D4F_4249;

    /// <summary>The gate of services built without a container (benchmarks, older tests): shared by all of them.</summary>
    internal static ImportLock Unregistered { get; } = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    /// <summary>How many callers are waiting for the gate now: lets a test see a rollback queue behind an import.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!_gate.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _gate.WaitAsync(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        return new Release(_gate);
    }

    /// <summary>Inside the caller's transaction; released when it ends.</summary>
    public static async Task LockDatabaseAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
