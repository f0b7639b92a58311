using System.Data.Common;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Step 4 of an import, the merge: values that may already be stored are staged in a temporary table, cleared of
/// lines that repeat a key, then merged into <c>metric_values</c> with a few set-based statements that keep what they
/// replace for rollback. Everything runs inside the caller's transaction.
/// </summary>
public sealed class StagingTable
{
    public const string Name = "import_staging";

    /// <summary>Staged values that change something: new keys, and stored values that differ.</summary>
    private const string Changes = "import_changes";

    private const string KeyJoin =
        "v.geography_id = s.geography_id AND v.metric_id = s.metric_id AND v.year = s.year " +
        "AND v.subgroup_type = s.subgroup_type AND v.subgroup = s.subgroup";

    private const string Differs =
        "(v.value IS DISTINCT FROM s.value OR v.lower_bound IS DISTINCT FROM s.lower_bound " +
        "OR v.upper_bound IS DISTINCT FROM s.upper_bound OR v.quality <> s.quality OR v.value_text IS DISTINCT FROM s.value_text)";

    private readonly DbTransaction transaction;
    private readonly DatabaseProvider provider;

    private StagingTable(DbTransaction transaction, DatabaseProvider provider)
    {
        this.transaction = transaction;
        this.provider = provider;
    }

    /// <summary>Creates the (empty) staging table in the caller's transaction.</summary>
    public static async Task<StagingTable> CreateAsync(DbTransaction transaction, DatabaseProvider provider, CancellationToken ct)
    {
        var create = provider == DatabaseProvider.Postgres
            ? $"CREATE TEMP TABLE {Name} (line integer NOT NULL, geography_id integer NOT NULL, metric_id integer NOT NULL, year smallint NOT NULL, subgroup_type varchar(100) NOT NULL, subgroup varchar(200) NOT NULL, value double precision, lower_bound double precision, upper_bound double precision, quality smallint NOT NULL, value_text varchar(100)) ON COMMIT DROP"
            : $"CREATE TEMP TABLE {Name} (line INTEGER NOT NULL, geography_id INTEGER NOT NULL, metric_id INTEGER NOT NULL, year INTEGER NOT NULL, subgroup_type TEXT NOT NULL, subgroup TEXT NOT NULL, value REAL, lower_bound REAL, upper_bound REAL, quality INTEGER NOT NULL, value_text TEXT)";
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Name}", ct);
        await transaction.ExecuteAsync(create, ct);
        return new StagingTable(transaction, provider);
    }

    /// <summary>Keyed lookups for the duplicate check and the merge; cheap next to the merge itself.</summary>
    private async Task IndexAsync(CancellationToken ct)
    {
        await transaction.ExecuteAsync($"CREATE INDEX ix_{Name}_key ON {Name} (geography_id, metric_id, year, subgroup_type, subgroup)", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await transaction.ExecuteAsync($"ANALYZE {Name}", ct);
        }
    }

    /// <summary>
    /// Once every value is staged: indexes the staging table, finds lines whose key repeats an earlier line of the
    /// same file and removes every value of those lines from staging. Returns how many lines and values were removed
    /// and the first examples, each naming the line it repeats.
    /// </summary>
    public async Task<RepeatedLines> RemoveRepeatedLinesAsync(int exampleLimit, CancellationToken ct)
    {
        await IndexAsync(ct);
        var temp = provider == DatabaseProvider.Postgres ? "CREATE TEMP TABLE import_duplicates ON COMMIT DROP AS" : "CREATE TEMP TABLE import_duplicates AS";
        await transaction.ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        await transaction.ExecuteAsync($"""
            {temp}
            SELECT s.line, MIN(e.line) AS first_line
            FROM {Name} s JOIN {Name} e ON e.geography_id = s.geography_id AND e.metric_id = s.metric_id
              AND e.year = s.year AND e.subgroup_type = s.subgroup_type AND e.subgroup = s.subgroup AND e.line < s.line
            GROUP BY s.line
            """, ct);
        var examples = new List<RowProblem>();
        await using (var command = transaction.Command($"SELECT line, first_line FROM import_duplicates ORDER BY line LIMIT {exampleLimit}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                examples.Add(new RowProblem(Convert.ToInt32(reader.GetValue(0)), "(row)", null, RejectionReason.Duplicate,
                    $"same place, year, subgroup and metric as line {Convert.ToInt32(reader.GetValue(1))}"));
            }
        }
        int lines;
        await using (var count = transaction.Command("SELECT COUNT(*) FROM import_duplicates"))
        {
            lines = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        }
        var values = lines == 0 ? 0 : await transaction.ExecuteAsync($"DELETE FROM {Name} WHERE line IN (SELECT line FROM import_duplicates)", ct);
        await transaction.ExecuteAsync("DROP TABLE IF EXISTS import_duplicates", ct);
        return lines == 0 ? RepeatedLines.None : new RepeatedLines(lines, values, examples);
    }

    /// <summary>
    /// Keeps what the import replaces (for rollback), updates changed values, inserts new ones; unchanged values are
    /// not touched. One key join over the staged values keeps only what changes, new keys and stored values that
    /// differ (with what they were); unchanged values, usually most of a re-import, go no further. The later statements
    /// read only those few rows. A dry run or a refused file is undone by the caller's transaction.
    /// </summary>
    /// <param name="staged">Values in staging (after duplicate lines were removed).</param>
    /// <param name="kind">
    /// This file's kind. Precedence, not import order (<see cref="SourceKind"/>): a stored value from a file that
    /// outranks this one is kept (and counted by file); a file that outranks the stored value's takes it over, even
    /// where the numbers agree, so provenance is the same in any import order.
    /// </param>
    public async Task<MergeCounts> MergeAsync(int importId, int staged, SourceKind kind, CancellationToken ct)
    {
        await AnalyzeIfStaleAsync(ct);
        var rank = (int)kind;
        var create = provider == DatabaseProvider.Postgres ? $"CREATE TEMP TABLE {Changes} ON COMMIT DROP AS" : $"CREATE TEMP TABLE {Changes} AS";
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Changes}", ct);
        // old_rank: the stored value's file kind (0 for imports before provenance, which anything may replace).
        await transaction.ExecuteAsync($"""
            {create}
            SELECT s.geography_id, s.metric_id, s.year, s.subgroup_type, s.subgroup, s.value, s.lower_bound, s.upper_bound, s.quality, s.value_text,
              v.metric_id IS NULL AS is_new, v.value AS old_value, v.lower_bound AS old_lower_bound, v.upper_bound AS old_upper_bound,
              v.quality AS old_quality, v.value_text AS old_value_text, v.import_id AS old_import_id,
              COALESCE(i.source_kind, 0) AS old_rank, (v.metric_id IS NOT NULL AND {Differs}) AS differs
            FROM {Name} s LEFT JOIN metric_values v ON {KeyJoin} LEFT JOIN imports i ON i.id = v.import_id
            WHERE v.metric_id IS NULL OR {Differs} OR COALESCE(i.source_kind, 0) < {rank}
            """, ct);
        var kept = await KeptAsync(rank, ct);
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
            INSERT INTO metric_values ({ValueWriter.ValueColumns}, import_id)
            SELECT c.geography_id, c.metric_id, c.year, c.subgroup_type, c.subgroup, c.value, c.lower_bound, c.upper_bound, c.quality, c.value_text, {importId}
            FROM {Changes} c WHERE c.is_new
            """, ct);
        int differing;
        await using (var count = transaction.Command($"SELECT COUNT(*) FROM {Changes} WHERE NOT is_new AND differs"))
        {
            differing = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        }
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Changes}", ct);
        var keptCount = kept.Sum(k => k.Values);
        // A takeover of an equal value (provenance only) counts as unchanged; it is still kept for rollback.
        return new MergeCounts(inserted, differing, staged - inserted - differing - keptCount, kept);
    }

    /// <summary>Stored values from files that outrank this one: counted by file, then left out of the merge.</summary>
    private async Task<List<KeptValues>> KeptAsync(int rank, CancellationToken ct)
    {
        const string Outranked = "NOT c.is_new AND c.old_rank > {0} AND c.old_rank <> 0";
        var outranked = string.Format(System.Globalization.CultureInfo.InvariantCulture, Outranked, rank);
        var kept = new List<KeptValues>();
        await using (var command = transaction.Command($"""
            SELECT COUNT(*), i.file_name, i.source_kind FROM {Changes} c JOIN imports i ON i.id = c.old_import_id
            WHERE {outranked} GROUP BY i.file_name, i.source_kind ORDER BY COUNT(*) DESC, i.file_name
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                kept.Add(new KeptValues(Convert.ToInt32(reader.GetValue(0)), reader.GetString(1), (SourceKind)Convert.ToByte(reader.GetValue(2))));
            }
        }
        if (kept.Count > 0)
        {
            await transaction.ExecuteAsync($"DELETE FROM {Changes} WHERE NOT is_new AND old_rank > {rank} AND old_rank <> 0", ct);
        }
        return kept;
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

    /// <summary>On PostgreSQL the table goes with the transaction; a SQLite connection keeps it until dropped.</summary>
    public async Task DropAsync(CancellationToken ct) => await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Name}", ct);
}
