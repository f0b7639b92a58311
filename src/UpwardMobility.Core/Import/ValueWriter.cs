using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Step 3 of an import: streams the file's values into the database as they are read, each by its
/// <see cref="ValueRoute"/>: straight into <c>metric_values</c> (binary COPY on PostgreSQL, one prepared statement on
/// SQLite) or into the <see cref="StagingTable"/> for the merge. Runs inside the caller's transaction, so a failure or
/// cancel leaves the database as it was.
/// </summary>
public sealed class ValueWriter(DbConnection connection, DbTransaction transaction)
{
    internal const string ValueColumns = "geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text";

    /// <summary>
    /// Writes values straight into <c>metric_values</c>, for files whose metrics have nothing stored yet: no staging
    /// copy, no key join. A key repeated inside the file then fails on the unique index (<see cref="IsDuplicateKey"/>);
    /// the caller rolls back and takes the staging path, which names the repeated lines. Returns the values written.
    /// </summary>
    public int InsertNew(int importId, IEnumerable<TidyValue> values, CancellationToken ct) =>
        Write(importId, values, ValueRoute.AllNew, int.MaxValue, ct).Inserted;

    /// <summary>
    /// Values that may already be stored (<see cref="ValueRoute.MayExist"/>) go to staging for the merge, the rest straight
    /// into <c>metric_values</c>. A key's route depends only on its metric and subgroup type, so a key repeated inside
    /// the file meets its twin on the same route: the unique index (direct) or the duplicate check (staging).
    /// PostgreSQL runs one COPY at a time on a connection, so values for staging wait in a buffer of at most
    /// <paramref name="stagingBatch"/> and are copied in between; memory stays flat. When the route stages, the
    /// <see cref="StagingTable"/> must exist.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public WriteResult Write(int importId, IEnumerable<TidyValue> values, ValueRoute route, int stagingBatch, CancellationToken ct)
    {
        var mayExist = route.MayExist;
        var waiting = new List<TidyValue>();
        ValueSink? direct = null;
        int inserted = 0, staged = 0, count = 0;
        try
        {
            foreach (var v in values)
            {
                if ((++count & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (!mayExist(v))
                {
                    direct ??= ValueSink.Open(connection, transaction, "metric_values", "import_id");
                    direct.Write(v, importId);
                    inserted++;
                    continue;
                }
                waiting.Add(v);
                if (waiting.Count >= stagingBatch)
                {
                    Complete(ref direct);
                    staged += WriteStaging(waiting);
                }
            }
            Complete(ref direct);
            staged += WriteStaging(waiting);
            return new WriteResult(inserted, staged);
        }
        finally
        {
            direct?.Dispose();
        }
    }

    private static void Complete(ref ValueSink? sink)
    {
        if (sink is not null)
        {
            sink.Complete();
            sink.Dispose();
            sink = null;
        }
    }

    private int WriteStaging(List<TidyValue> waiting)
    {
        if (waiting.Count == 0)
        {
            return 0;
        }
        using (var sink = ValueSink.Open(connection, transaction, StagingTable.Name, "line"))
        {
            foreach (var v in waiting)
            {
                sink.Write(v, v.Line);
            }
            sink.Complete();
        }
        var written = waiting.Count;
        waiting.Clear();
        return written;
    }

    /// <summary>A unique-key violation, as a direct write meets it when a file repeats a key.</summary>
    public static bool IsDuplicateKey(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        _ => ex.InnerException is { } inner && IsDuplicateKey(inner),
    };

}
