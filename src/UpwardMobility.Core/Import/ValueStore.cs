using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Set-based writes of metric values, shared by the importer and the demo seed. Values of metrics the database holds
/// nothing for go straight into <c>metric_values</c> (binary COPY on PostgreSQL, one prepared statement on SQLite);
/// otherwise rows are streamed into a temporary staging table and merged with single statements.
/// Every method runs inside the caller's transaction, so a failure or cancel leaves the database as it was.
/// </summary>
public sealed class ValueStore(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
{
    private const string Staging = "import_staging";

    private const string KeyJoin =
        "v.geography_id = s.geography_id AND v.metric_id = s.metric_id AND v.year = s.year " +
        "AND v.subgroup_type = s.subgroup_type AND v.subgroup = s.subgroup";

    private const string Differs =
        "(v.value IS DISTINCT FROM s.value OR v.lower_bound IS DISTINCT FROM s.lower_bound " +
        "OR v.upper_bound IS DISTINCT FROM s.upper_bound OR v.quality <> s.quality OR v.value_text IS DISTINCT FROM s.value_text)";

    private const string ValueColumns = "geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text";

    /// <summary>Whether any value of these metrics is stored: when none is, every key of a file of them is new.</summary>
    public async Task<bool> AnyStoredAsync(IReadOnlyCollection<int> metricIds, CancellationToken ct)
    {
        if (metricIds.Count == 0)
        {
            return false;
        }
        // Only integer ids are spliced into the SQL.
        await using var command = transaction.Command($"SELECT 1 FROM metric_values WHERE metric_id IN ({string.Join(",", metricIds)}) LIMIT 1");
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// Writes values straight into <c>metric_values</c>, for files whose metrics have nothing stored yet: no staging
    /// copy, no key join. A key repeated inside the file then fails on the unique index (<see cref="IsDuplicateKey"/>);
    /// the caller rolls back and takes the staging path, which names the repeated lines. Returns the values written.
    /// </summary>
    public int InsertNew(int importId, IEnumerable<StagedValue> values, CancellationToken ct) =>
        provider == DatabaseProvider.Postgres
            ? CopyPostgres((NpgsqlConnection)connection, $"COPY metric_values ({ValueColumns}, import_id) FROM STDIN (FORMAT BINARY)", values, importId, ct)
            : InsertSqlite($"INSERT INTO metric_values ({ValueColumns}, import_id) VALUES ($geo, $metric, $year, $type, $subgroup, $value, $lb, $ub, $quality, $text, $extra)", values, importId, ct);

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

    public async Task StageAsync(IEnumerable<StagedValue> values, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            CopyPostgres((NpgsqlConnection)connection, $"COPY {Staging} ({ValueColumns}, line) FROM STDIN (FORMAT BINARY)", values, null, ct);
        }
        else
        {
            InsertSqlite($"INSERT INTO {Staging} ({ValueColumns}, line) VALUES ($geo, $metric, $year, $type, $subgroup, $value, $lb, $ub, $quality, $text, $extra)", values, null, ct);
        }
        // Keyed lookups during the merge; cheap next to the merge itself.
        await transaction.ExecuteAsync($"CREATE INDEX ix_{Staging}_key ON {Staging} (geography_id, metric_id, year, subgroup_type, subgroup)", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await transaction.ExecuteAsync($"ANALYZE {Staging}", ct);
        }
    }

    // Synchronous row writes: the parser feeding them is synchronous, and an async state machine per value
    // costs more than the buffered writes it would save. The last column is the import id when given, else the line.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CopyPostgres(NpgsqlConnection npgsql, string copy, IEnumerable<StagedValue> values, int? importId, CancellationToken ct)
    {
        using var writer = npgsql.BeginBinaryImport(copy);
        var count = 0;
        foreach (var v in values)
        {
            if ((++count & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            writer.StartRow();
            writer.Write(v.GeographyId, NpgsqlDbType.Integer);
            writer.Write(v.MetricId, NpgsqlDbType.Integer);
            writer.Write(v.Year, NpgsqlDbType.Smallint);
            writer.Write(v.SubgroupType, NpgsqlDbType.Varchar);
            writer.Write(v.Subgroup, NpgsqlDbType.Varchar);
            WriteNullable(writer, v.Value);
            WriteNullable(writer, v.LowerBound);
            WriteNullable(writer, v.UpperBound);
            writer.Write((short)v.Quality, NpgsqlDbType.Smallint);
            if (v.ValueText is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(v.ValueText, NpgsqlDbType.Varchar);
            }
            writer.Write(importId ?? v.Line, NpgsqlDbType.Integer);
        }
        writer.Complete();
        return count;
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, double? value)
    {
        if (value is { } d)
        {
            writer.Write(d, NpgsqlDbType.Double);
        }
        else
        {
            writer.WriteNull();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int InsertSqlite(string insert, IEnumerable<StagedValue> values, int? importId, CancellationToken ct)
    {
        using var command = transaction.Command(insert);
        var p = new SqliteParameter[11];
        string[] names = ["$geo", "$metric", "$year", "$type", "$subgroup", "$value", "$lb", "$ub", "$quality", "$text", "$extra"];
        for (var i = 0; i < names.Length; i++)
        {
            p[i] = new SqliteParameter { ParameterName = names[i] };
            command.Parameters.Add(p[i]);
        }
        command.Prepare();
        var count = 0;
        foreach (var v in values)
        {
            if ((++count & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            p[0].Value = v.GeographyId;
            p[1].Value = v.MetricId;
            p[2].Value = v.Year;
            p[3].Value = v.SubgroupType;
            p[4].Value = v.Subgroup;
            p[5].Value = (object?)v.Value ?? DBNull.Value;
            p[6].Value = (object?)v.LowerBound ?? DBNull.Value;
            p[7].Value = (object?)v.UpperBound ?? DBNull.Value;
            p[8].Value = (int)v.Quality;
            p[9].Value = (object?)v.ValueText ?? DBNull.Value;
            p[10].Value = importId ?? v.Line;
            command.ExecuteNonQuery();
        }
        return count;
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
    /// Points values of a geography created after they were read at its real id: in staging, or in the values table
    /// after <see cref="InsertNew"/> (negative temporary ids are this import's alone; imports run one at a time).
    /// </summary>
    public Task<int> RemapGeographyAsync(int temporaryId, int realId, bool stored, CancellationToken ct) =>
        transaction.ExecuteAsync($"UPDATE {(stored ? "metric_values" : Staging)} SET geography_id = {realId} WHERE geography_id = {temporaryId}", ct);

    /// <summary>
    /// Keeps what the import replaces (for rollback), updates changed values, inserts new ones; unchanged values are
    /// not touched. Two key joins in all: the rows kept for rollback are the rows to update, and new keys are found
    /// by the unique index itself. A dry run or a refused file is undone by the caller's transaction.
    /// </summary>
    /// <param name="staged">Values in staging (after duplicate lines were removed).</param>
    public async Task<MergeCounts> MergeAsync(int importId, int staged, CancellationToken ct)
    {
        await AnalyzeIfStaleAsync(ct);
        var replaced = await transaction.ExecuteAsync($"""
            INSERT INTO replaced_metric_values (import_id, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, previous_import_id)
            SELECT {importId}, v.geography_id, v.metric_id, v.year, v.subgroup_type, v.subgroup, v.value, v.lower_bound, v.upper_bound, v.quality, v.value_text, v.import_id
            FROM {Staging} s JOIN metric_values v ON {KeyJoin}
            WHERE {Differs}
            """, ct);
        if (replaced > 0)
        {
            await transaction.ExecuteAsync($"""
                UPDATE metric_values AS v SET value = s.value, lower_bound = s.lower_bound, upper_bound = s.upper_bound,
                  quality = s.quality, value_text = s.value_text, import_id = {importId}
                FROM {Staging} s WHERE {KeyJoin} AND {Differs}
                """, ct);
        }
        // "WHERE 1 = 1" lets SQLite tell the upsert clause from a join constraint.
        var inserted = await transaction.ExecuteAsync($"""
            INSERT INTO metric_values ({ValueColumns}, import_id)
            SELECT s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup, s.value, s.lower_bound, s.upper_bound, s.quality, s.value_text, {importId}
            FROM {Staging} s WHERE 1 = 1
            ON CONFLICT (geography_id, metric_id, year, subgroup_type, subgroup) DO NOTHING
            """, ct);
        return new MergeCounts(inserted, replaced, staged - inserted - replaced);
    }

    /// <summary>
    /// Autovacuum lags behind bulk loads; with stale statistics the key joins get nested-loop plans over what the
    /// planner thinks is a tiny table (seconds instead of milliseconds). ANALYZE costs a few hundred ms, so only when
    /// the table grew by a fifth since the planner last looked, and only before a join needs it.
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
        if (estimated < 0 || live > (estimated * 1.2) + 1000)
        {
            await transaction.ExecuteAsync("ANALYZE metric_values", ct);
        }
    }

    public async Task DropStagingAsync(CancellationToken ct) => await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
}
