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

    public async Task StageAsync(IAsyncEnumerable<StagedValue> values, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await StagePostgresAsync((NpgsqlConnection)connection, values, ct);
        }
        else
        {
            await StageSqliteAsync(values, ct);
        }
        // Keyed lookups during the merge; cheap next to the merge itself.
        await ExecuteAsync($"CREATE INDEX ix_{Staging}_key ON {Staging} (geography_id, metric_id, year, subgroup_type, subgroup)", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync($"ANALYZE {Staging}", ct);
        }
    }

    private static async Task StagePostgresAsync(NpgsqlConnection npgsql, IAsyncEnumerable<StagedValue> values, CancellationToken ct)
    {
        await using var writer = await npgsql.BeginBinaryImportAsync(
            $"COPY {Staging} (line, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text) FROM STDIN (FORMAT BINARY)", ct);
        await foreach (var v in values.WithCancellation(ct))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(v.Line, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(v.GeographyId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(v.MetricId, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(v.Year, NpgsqlDbType.Smallint, ct);
            await writer.WriteAsync(v.SubgroupType, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(v.Subgroup, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, v.Value, ct);
            await WriteNullableAsync(writer, v.LowerBound, ct);
            await WriteNullableAsync(writer, v.UpperBound, ct);
            await writer.WriteAsync((short)v.Quality, NpgsqlDbType.Smallint, ct);
            if (v.ValueText is null)
            {
                await writer.WriteNullAsync(ct);
            }
            else
            {
                await writer.WriteAsync(v.ValueText, NpgsqlDbType.Varchar, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, double? value, CancellationToken ct) =>
        value is { } d ? writer.WriteAsync(d, NpgsqlDbType.Double, ct) : writer.WriteNullAsync(ct);

    private async Task StageSqliteAsync(IAsyncEnumerable<StagedValue> values, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Staging} VALUES ($line, $geo, $metric, $year, $type, $subgroup, $value, $lb, $ub, $quality, $text)";
        var p = new SqliteParameter[11];
        string[] names = ["$line", "$geo", "$metric", "$year", "$type", "$subgroup", "$value", "$lb", "$ub", "$quality", "$text"];
        for (var i = 0; i < names.Length; i++)
        {
            p[i] = new SqliteParameter { ParameterName = names[i] };
            command.Parameters.Add(p[i]);
        }
        command.Prepare();
        await foreach (var v in values.WithCancellation(ct))
        {
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
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Lines whose key repeats an earlier line of the same file, with that earlier line.</summary>
    public async Task<List<(int Line, int FirstLine)>> FindDuplicateKeysAsync(int limit, CancellationToken ct)
    {
        var sql = $"""
            SELECT s.line, (SELECT MIN(f.line) FROM {Staging} f WHERE f.geography_id = s.geography_id AND f.metric_id = s.metric_id
                AND f.year = s.year AND f.subgroup_type = s.subgroup_type AND f.subgroup = s.subgroup) AS first_line
            FROM {Staging} s
            WHERE EXISTS (SELECT 1 FROM {Staging} e WHERE e.geography_id = s.geography_id AND e.metric_id = s.metric_id
                AND e.year = s.year AND e.subgroup_type = s.subgroup_type AND e.subgroup = s.subgroup AND e.line < s.line)
            GROUP BY s.line, s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup
            ORDER BY s.line
            LIMIT {limit}
            """;
        var result = new List<(int, int)>();
        await using var command = CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((Convert.ToInt32(reader.GetValue(0)), Convert.ToInt32(reader.GetValue(1))));
        }
        return result;
    }

    /// <summary>Removes every staged value of the given lines (rows rejected after staging).</summary>
    public async Task RemoveLinesAsync(IReadOnlyCollection<int> lines, CancellationToken ct)
    {
        foreach (var chunk in lines.Chunk(500))
        {
            await ExecuteAsync($"DELETE FROM {Staging} WHERE line IN ({string.Join(",", chunk)})", ct);
        }
    }

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

    /// <summary>Keeps what the import replaces (for rollback), then upserts; unchanged values are not touched.</summary>
    public async Task MergeAsync(int importId, CancellationToken ct)
    {
        await ExecuteAsync($"""
            INSERT INTO replaced_metric_values (import_id, geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, previous_import_id)
            SELECT {importId}, v.geography_id, v.metric_id, v.year, v.subgroup_type, v.subgroup, v.value, v.lower_bound, v.upper_bound, v.quality, v.value_text, v.import_id
            FROM {Staging} s JOIN metric_values v ON {KeyJoin}
            WHERE {Differs}
            """, ct);
        await ExecuteAsync($"""
            INSERT INTO metric_values (geography_id, metric_id, year, subgroup_type, subgroup, value, lower_bound, upper_bound, quality, value_text, import_id)
            SELECT s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup, s.value, s.lower_bound, s.upper_bound, s.quality, s.value_text, {importId}
            FROM {Staging} s WHERE true
            ON CONFLICT (geography_id, metric_id, year, subgroup_type, subgroup) DO UPDATE SET
              value = excluded.value, lower_bound = excluded.lower_bound, upper_bound = excluded.upper_bound,
              quality = excluded.quality, value_text = excluded.value_text, import_id = excluded.import_id
            WHERE metric_values.value IS DISTINCT FROM excluded.value OR metric_values.lower_bound IS DISTINCT FROM excluded.lower_bound
              OR metric_values.upper_bound IS DISTINCT FROM excluded.upper_bound OR metric_values.quality <> excluded.quality
              OR metric_values.value_text IS DISTINCT FROM excluded.value_text
            """, ct);
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
