using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Set-based writes of metric values, shared by the importer and the demo seed: stream rows into a temporary
/// staging table (binary COPY on PostgreSQL, one prepared statement on SQLite), then merge with single statements.
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

    public async Task CreateStagingAsync(CancellationToken ct)
    {
        var create = provider == DatabaseProvider.Postgres
            ? $"CREATE TEMP TABLE {Staging} (line integer NOT NULL, geography_id integer NOT NULL, metric_id integer NOT NULL, year smallint NOT NULL, subgroup_type varchar(100) NOT NULL, subgroup varchar(200) NOT NULL, value double precision, lower_bound double precision, upper_bound double precision, quality smallint NOT NULL, value_text varchar(100)) ON COMMIT DROP"
            : $"CREATE TEMP TABLE {Staging} (line INTEGER NOT NULL, geography_id INTEGER NOT NULL, metric_id INTEGER NOT NULL, year INTEGER NOT NULL, subgroup_type TEXT NOT NULL, subgroup TEXT NOT NULL, value REAL, lower_bound REAL, upper_bound REAL, quality INTEGER NOT NULL, value_text TEXT)";
        await ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
        await ExecuteAsync(create, ct);
    }

    public async Task StageAsync(IEnumerable<StagedValue> values, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            StagePostgres((NpgsqlConnection)connection, values, ct);
        }
        else
        {
            StageSqlite(values, ct);
        }
        // Keyed lookups during the merge; cheap next to the merge itself.
        await ExecuteAsync($"CREATE INDEX ix_{Staging}_key ON {Staging} (geography_id, metric_id, year, subgroup_type, subgroup)", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync($"ANALYZE {Staging}", ct);
        }
    }

    // Synchronous row writes: the parser feeding them is synchronous, and an async state machine per value
    // costs more than the buffered writes it would save.
    private static void StagePostgres(NpgsqlConnection npgsql, IEnumerable<StagedValue> values, CancellationToken ct)
    {
        using var writer = npgsql.BeginBinaryImport(
            $"COPY {Staging} (line, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text) FROM STDIN (FORMAT BINARY)");
        var count = 0;
        foreach (var v in values)
        {
            if ((++count & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            writer.StartRow();
            writer.Write(v.Line, NpgsqlDbType.Integer);
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
        }
        writer.Complete();
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

    private void StageSqlite(IEnumerable<StagedValue> values, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Staging} (line, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text) VALUES ($line, $geo, $metric, $year, $type, $subgroup, $value, $lb, $ub, $quality, $text)";
        var p = new SqliteParameter[11];
        string[] names = ["$line", "$geo", "$metric", "$year", "$type", "$subgroup", "$value", "$lb", "$ub", "$quality", "$text"];
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
            p[0].Value = v.Line;
            p[1].Value = v.GeographyId;
            p[2].Value = v.MetricId;
            p[3].Value = v.Year;
            p[4].Value = v.SubgroupType;
            p[5].Value = v.Subgroup;
            p[6].Value = (object?)v.Value ?? DBNull.Value;
            p[7].Value = (object?)v.LowerBound ?? DBNull.Value;
            p[8].Value = (object?)v.UpperBound ?? DBNull.Value;
            p[9].Value = (int)v.Quality;
            p[10].Value = (object?)v.ValueText ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Finds lines whose key repeats an earlier line of the same file and removes every value of those lines
    /// from staging. Returns how many lines were removed and the first examples, each with the line it repeats.
    /// </summary>
    public async Task<(int Lines, int Values, List<(int Line, int FirstLine)> Examples)> RemoveDuplicateLinesAsync(int exampleLimit, CancellationToken ct)
    {
        var temp = provider == DatabaseProvider.Postgres ? "CREATE TEMP TABLE import_duplicates ON COMMIT DROP AS" : "CREATE TEMP TABLE import_duplicates AS";
        await ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        await ExecuteAsync($"""
            {temp}
            SELECT s.line, MIN(e.line) AS first_line
            FROM {Staging} s JOIN {Staging} e ON e.geography_id = s.geography_id AND e.metric_id = s.metric_id
              AND e.year = s.year AND e.subgroup_type = s.subgroup_type AND e.subgroup = s.subgroup AND e.line < s.line
            GROUP BY s.line
            """, ct);
        var examples = new List<(int, int)>();
        await using (var command = CreateCommand($"SELECT line, first_line FROM import_duplicates ORDER BY line LIMIT {exampleLimit}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                examples.Add((Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1))));
            }
        }
        int lines;
        await using (var count = CreateCommand("SELECT COUNT(*) FROM import_duplicates"))
        {
            lines = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        }
        var values = lines == 0 ? 0 : await ExecuteAsync($"DELETE FROM {Staging} WHERE line IN (SELECT line FROM import_duplicates)", ct);
        await ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        return (lines, values, examples);
    }

    /// <summary>Points staged values of a geography created after staging at its real id.</summary>
    public Task<int> RemapGeographyAsync(int temporaryId, int realId, CancellationToken ct) =>
        ExecuteAsync($"UPDATE {Staging} SET geography_id = {realId} WHERE geography_id = {temporaryId}", ct);

    /// <summary>How many staged values are new, would change a stored value, or are already stored as they are.</summary>
    public async Task<MergeCounts> CountAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT
              COALESCE(SUM(CASE WHEN v.id IS NULL THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN v.id IS NOT NULL AND {Differs} THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN v.id IS NOT NULL AND NOT {Differs} THEN 1 ELSE 0 END), 0)
            FROM {Staging} s LEFT JOIN metric_values v ON {KeyJoin}
            """;
        await using var command = CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new MergeCounts(Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)));
    }

    /// <summary>
    /// Keeps what the import replaces (for rollback), updates changed values, inserts new ones; unchanged values are
    /// not touched. The counts say which statements are needed: a file of only new values is one plain INSERT.
    /// </summary>
    public async Task MergeAsync(int importId, MergeCounts counts, CancellationToken ct)
    {
        if (counts.Replaced > 0)
        {
            await ExecuteAsync($"""
                INSERT INTO replaced_metric_values (import_id, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, previous_import_id)
                SELECT {importId}, v.geography_id, v.metric_id, v.year, v.subgroup_type, v.subgroup, v.value, v.lower_bound, v.upper_bound, v.quality, v.value_text, v.import_id
                FROM {Staging} s JOIN metric_values v ON {KeyJoin}
                WHERE {Differs}
                """, ct);
            await ExecuteAsync($"""
                UPDATE metric_values AS v SET value = s.value, lower_bound = s.lower_bound, upper_bound = s.upper_bound,
                  quality = s.quality, value_text = s.value_text, import_id = {importId}
                FROM {Staging} s WHERE {KeyJoin} AND {Differs}
                """, ct);
        }
        if (counts.Inserted > 0)
        {
            // Imports run one at a time (MetricImportService), so keys counted as new are still free.
            var onlyNew = counts.Replaced == 0 && counts.Unchanged == 0;
            await ExecuteAsync($"""
                INSERT INTO metric_values (geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, import_id)
                SELECT s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup, s.value, s.lower_bound, s.upper_bound, s.quality, s.value_text, {importId}
                FROM {Staging} s
                {(onlyNew ? "" : $"WHERE NOT EXISTS (SELECT 1 FROM metric_values v WHERE {KeyJoin})")}
                """, ct);
        }
        if (provider == DatabaseProvider.Postgres && counts.Inserted > 0)
        {
            // Autovacuum lags behind bulk loads; with stale statistics the next import's key joins get nested-loop
            // plans over what the planner thinks is a tiny table (seconds instead of milliseconds). ANALYZE costs a
            // few hundred ms, so only when the table grew by a fifth since the planner last looked.
            await using var command = CreateCommand("SELECT reltuples FROM pg_class WHERE relname = 'metric_values'");
            var estimated = Convert.ToDouble(await command.ExecuteScalarAsync(ct));
            if (estimated < 0 || counts.Inserted > (estimated * 0.2) + 1000)
            {
                await ExecuteAsync("ANALYZE metric_values", ct);
            }
        }
    }

    public async Task DropStagingAsync(CancellationToken ct) => await ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = CreateCommand(sql);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand CreateCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return command;
    }
}
