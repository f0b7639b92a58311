using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Set-based writes of metric values, shared by the importer and the demo seed. Values of (metric, subgroup type)
/// pairs the database holds nothing for go straight into <c>metric_values</c> (binary COPY on PostgreSQL, one
/// prepared statement on SQLite); the others are streamed into a temporary staging table and merged with single
/// statements.
/// Every method runs inside the caller's transaction, so a failure or cancel leaves the database as it was.
/// </summary>
public sealed class ValueStore(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
{
    private const string Staging = "import_staging";

    /// <summary>Staged values that change something: new keys, and stored values that differ.</summary>
    private const string Changes = "import_changes";

    private const string KeyJoin =
        "v.geography_id = s.geography_id AND v.metric_id = s.metric_id AND v.year = s.year " +
        "AND v.subgroup_type = s.subgroup_type AND v.subgroup = s.subgroup";

    private const string Differs =
        "(v.value IS DISTINCT FROM s.value OR v.lower_bound IS DISTINCT FROM s.lower_bound " +
        "OR v.upper_bound IS DISTINCT FROM s.upper_bound OR v.quality <> s.quality OR v.value_text IS DISTINCT FROM s.value_text)";

    internal const string ValueColumns = "geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text";

    /// <summary>
    /// Which (metric, subgroup type) pairs of these metrics have values stored. A value of any other pair is new for
    /// certain: a subgroup file's subgroup values, say, after only the whole-population file was imported.
    /// </summary>
    public async Task<HashSet<(int MetricId, string SubgroupType)>> StoredSubgroupTypesAsync(IReadOnlyCollection<int> metricIds, CancellationToken ct)
    {
        var stored = new HashSet<(int, string)>();
        if (metricIds.Count == 0)
        {
            return stored;
        }
        // Only integer ids are spliced into the SQL. Nothing to read for metrics with nothing stored (every first
        // import); otherwise the stored rows of the file's metrics, by the (metric, year) index: tens of milliseconds.
        await using var command = transaction.Command($"SELECT DISTINCT metric_id, subgroup_type FROM metric_values WHERE metric_id IN ({string.Join(",", metricIds)})");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stored.Add((Convert.ToInt32(reader.GetValue(0)), reader.GetString(1)));
        }
        return stored;
    }

    /// <summary>
    /// Writes values straight into <c>metric_values</c>, for files whose metrics have nothing stored yet: no staging
    /// copy, no key join. A key repeated inside the file then fails on the unique index (<see cref="IsDuplicateKey"/>);
    /// the caller rolls back and takes the staging path, which names the repeated lines. Returns the values written.
    /// </summary>
    public int InsertNew(int importId, IEnumerable<StagedValue> values, CancellationToken ct) =>
        InsertNewOrStage(importId, values, static _ => false, int.MaxValue, ct).Inserted;

    /// <summary>
    /// Values that may already be stored (<paramref name="mayExist"/>) go to staging for the merge, the rest straight
    /// into <c>metric_values</c>. A key's route depends only on its metric and subgroup type, so a key repeated inside
    /// the file meets its twin on the same route: the unique index (direct) or the duplicate check (staging).
    /// PostgreSQL runs one COPY at a time on a connection, so values for staging wait in a buffer of at most
    /// <paramref name="stagingBatch"/> and are copied in between; memory stays flat. Call
    /// <see cref="CreateStagingAsync"/> first when any value may exist.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Inserted, int Staged) InsertNewOrStage(int importId, IEnumerable<StagedValue> values, Func<StagedValue, bool> mayExist, int stagingBatch, CancellationToken ct)
    {
        var waiting = new List<StagedValue>();
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
            return (inserted, staged);
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

    private int WriteStaging(List<StagedValue> waiting)
    {
        if (waiting.Count == 0)
        {
            return 0;
        }
        using (var sink = ValueSink.Open(connection, transaction, Staging, "line"))
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

    /// <summary>A unique-key violation, as <see cref="InsertNew"/> meets it when a file repeats a key.</summary>
    public static bool IsDuplicateKey(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        _ => ex.InnerException is { } inner && IsDuplicateKey(inner),
    };

    public async Task CreateStagingAsync(CancellationToken ct)
    {
        var create = provider == DatabaseProvider.Postgres
            ? $"CREATE TEMP TABLE {Staging} (line integer NOT NULL, geography_id integer NOT NULL, metric_id integer NOT NULL, year smallint NOT NULL, subgroup_type varchar(100) NOT NULL, subgroup varchar(200) NOT NULL, value double precision, lower_bound double precision, upper_bound double precision, quality smallint NOT NULL, value_text varchar(100)) ON COMMIT DROP"
            : $"CREATE TEMP TABLE {Staging} (line INTEGER NOT NULL, geography_id INTEGER NOT NULL, metric_id INTEGER NOT NULL, year INTEGER NOT NULL, subgroup_type TEXT NOT NULL, subgroup TEXT NOT NULL, value REAL, lower_bound REAL, upper_bound REAL, quality INTEGER NOT NULL, value_text TEXT)";
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
        await transaction.ExecuteAsync(create, ct);
    }

    /// <summary>Keyed lookups for the duplicate check and the merge; cheap next to the merge itself.</summary>
    public async Task IndexStagingAsync(CancellationToken ct)
    {
        await transaction.ExecuteAsync($"CREATE INDEX ix_{Staging}_key ON {Staging} (geography_id, metric_id, year, subgroup_type, subgroup)", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await transaction.ExecuteAsync($"ANALYZE {Staging}", ct);
        }
    }

    /// <summary>
    /// Finds lines whose key repeats an earlier line of the same file and removes every value of those lines
    /// from staging. Returns how many lines were removed and the first examples, each with the line it repeats.
    /// </summary>
    public async Task<(int Lines, int Values, List<(int Line, int FirstLine)> Examples)> RemoveDuplicateLinesAsync(int exampleLimit, CancellationToken ct)
    {
        var temp = provider == DatabaseProvider.Postgres ? "CREATE TEMP TABLE import_duplicates ON COMMIT DROP AS" : "CREATE TEMP TABLE import_duplicates AS";
        await transaction.ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        await transaction.ExecuteAsync($"""
            {temp}
            SELECT s.line, MIN(e.line) AS first_line
            FROM {Staging} s JOIN {Staging} e ON e.geography_id = s.geography_id AND e.metric_id = s.metric_id
              AND e.year = s.year AND e.subgroup_type = s.subgroup_type AND e.subgroup = s.subgroup AND e.line < s.line
            GROUP BY s.line
            """, ct);
        var examples = new List<(int, int)>();
        await using (var command = transaction.Command($"SELECT line, first_line FROM import_duplicates ORDER BY line LIMIT {exampleLimit}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                examples.Add((Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1))));
            }
        }
        int lines;
        await using (var count = transaction.Command("SELECT COUNT(*) FROM import_duplicates"))
        {
            lines = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        }
        var values = lines == 0 ? 0 : await transaction.ExecuteAsync($"DELETE FROM {Staging} WHERE line IN (SELECT line FROM import_duplicates)", ct);
        await transaction.ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        return (lines, values, examples);
    }

    /// <summary>
    /// Points values of a geography created after they were read at its real id: in the values table (written
    /// straight in) and in staging (negative temporary ids are this import's alone; imports run one at a time).
    /// </summary>
    public async Task RemapGeographyAsync(int temporaryId, int realId, bool inValues, bool inStaging, CancellationToken ct)
    {
        if (inValues)
        {
            await transaction.ExecuteAsync($"UPDATE metric_values SET geography_id = {realId} WHERE geography_id = {temporaryId}", ct);
        }
        if (inStaging)
        {
            await transaction.ExecuteAsync($"UPDATE {Staging} SET geography_id = {realId} WHERE geography_id = {temporaryId}", ct);
        }
    }

    /// <summary>
    /// Keeps what the import replaces (for rollback), updates changed values, inserts new ones; unchanged values are
    /// not touched. One key join over the staged values keeps only what changes, new keys and stored values that
    /// differ (with what they were); unchanged values, usually most of a re-import, go no further. The later statements
    /// read only those few rows. A dry run or a refused file is undone by the caller's transaction.
    /// </summary>
    /// <param name="staged">Values in staging (after duplicate lines were removed).</param>
    public async Task<MergeCounts> MergeAsync(int importId, int staged, CancellationToken ct)
    {
        await AnalyzeIfStaleAsync(ct);
        var create = provider == DatabaseProvider.Postgres ? $"CREATE TEMP TABLE {Changes} ON COMMIT DROP AS" : $"CREATE TEMP TABLE {Changes} AS";
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Changes}", ct);
        await transaction.ExecuteAsync($"""
            {create}
            SELECT s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup, s.value, s.lower_bound, s.upper_bound, s.quality, s.value_text,
              v.metric_id IS NULL AS is_new, v.value AS old_value, v.lower_bound AS old_lower_bound, v.upper_bound AS old_upper_bound,
              v.quality AS old_quality, v.value_text AS old_value_text, v.import_id AS old_import_id
            FROM {Staging} s LEFT JOIN metric_values v ON {KeyJoin}
            WHERE v.metric_id IS NULL OR {Differs}
            """, ct);
        var replaced = await transaction.ExecuteAsync($"""
            INSERT INTO replaced_metric_values (import_id, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, previous_import_id)
            SELECT {importId}, c.geography_id, c.metric_id, c.year, c.subgroup_type, c.subgroup, c.old_value, c.old_lower_bound, c.old_upper_bound, c.old_quality, c.old_value_text, c.old_import_id
            FROM {Changes} c WHERE NOT c.is_new
            """, ct);
        if (replaced > 0)
        {
            await transaction.ExecuteAsync($"""
                UPDATE metric_values AS v SET value = s.value, lower_bound = s.lower_bound, upper_bound = s.upper_bound,
                  quality = s.quality, value_text = s.value_text, import_id = {importId}
                FROM {Changes} s WHERE NOT s.is_new AND {KeyJoin}
                """, ct);
        }
        // New keys for certain: staging holds no repeated key, and imports run one at a time.
        var inserted = await transaction.ExecuteAsync($"""
            INSERT INTO metric_values ({ValueColumns}, import_id)
            SELECT c.geography_id, c.metric_id, c.year, c.subgroup_type, c.subgroup, c.value, c.lower_bound, c.upper_bound, c.quality, c.value_text, {importId}
            FROM {Changes} c WHERE c.is_new
            """, ct);
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Changes}", ct);
        return new MergeCounts(inserted, replaced, staged - inserted - replaced);
    }

    /// <summary>
    /// Autovacuum lags behind bulk loads; with stale statistics the key joins get nested-loop plans over what the
    /// planner thinks is a tiny table (seconds instead of milliseconds). ANALYZE costs 0.1–0.3 s with a million values,
    /// so only when the table was never analyzed or grew more than threefold since (the planner scales row counts
    /// by the table's current size; it is the first statistics it needs), and only before a join needs it.
    /// </summary>
    private async Task AnalyzeIfStaleAsync(CancellationToken ct)
    {
        if (provider != DatabaseProvider.Postgres)
        {
            return;
        }
        await using var command = transaction.Command(
            "SELECT c.reltuples, COALESCE(s.n_live_tup, 0) FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 'metric_values' AND c.relkind = 'r'");
        double estimated, live;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return;
            }
            estimated = Convert.ToDouble(reader.GetValue(0));
            live = Convert.ToDouble(reader.GetValue(1));
        }
        if (estimated < 0 || live > (estimated * 3) + 1000)
        {
            await transaction.ExecuteAsync("ANALYZE metric_values", ct);
        }
    }

    public async Task DropStagingAsync(CancellationToken ct) => await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
}
