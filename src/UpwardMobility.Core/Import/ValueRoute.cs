using System.Data.Common;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Which values of a file may already be stored, and so are staged and merged; all others are new for certain and go
/// straight into <c>metric_values</c>, the table's unique index being the check. A value's route depends only on its
/// (metric, subgroup type) pair.
/// </summary>
public sealed class ValueRoute
{
    private ValueRoute(Func<TidyValue, bool> mayExist, bool stages)
    {
        MayExist = mayExist;
        Stages = stages;
    }

    /// <summary>Called for every value: no set lookup (a string hash each) when nothing or everything is stored.</summary>
    public Func<TidyValue, bool> MayExist { get; }

    /// <summary>Whether any value goes to staging (then the <see cref="StagingTable"/> is created and merged).</summary>
    public bool Stages { get; }

    /// <summary>Every value is new: the demo seed on an empty database.</summary>
    public static ValueRoute AllNew { get; } = new(static _ => false, stages: false);

    /// <summary>Every value is staged: the retry after a file repeated a key, so the repeated lines can be named.</summary>
    public static ValueRoute StageAll { get; } = new(static _ => true, stages: true);

    /// <summary>
    /// Values of (metric, subgroup type) pairs with something stored are staged; the rest go straight in. A subgroup
    /// file's subgroup values, say, after only the whole-population file was imported, are new for certain.
    /// </summary>
    public static async Task<ValueRoute> ChooseAsync(DbTransaction transaction, IReadOnlyCollection<int> metricIds, CancellationToken ct)
    {
        var stored = await StoredSubgroupTypesAsync(transaction, metricIds, ct);
        return stored.Count == 0 ? AllNew : new ValueRoute(v => stored.Contains((v.MetricId, v.SubgroupType)), stages: true);
    }

    private static async Task<HashSet<(int MetricId, string SubgroupType)>> StoredSubgroupTypesAsync(DbTransaction transaction, IReadOnlyCollection<int> metricIds, CancellationToken ct)
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
}
