using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Metrics;

/// <summary>
/// Medians, quartiles and percentiles of each metric across counties, per year and subgroup, nationally and (for
/// the whole population) per state. Computed once after an import or rollback for the metrics it touched, so pages
/// never aggregate 3,000 counties per view. Cities are left out: they are compared with cities, not counties.
/// </summary>
public sealed class MetricStatisticsService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task RefreshAsync(IReadOnlyCollection<int>? metricIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = metricIds ?? await db.Metrics.Select(m => m.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return;
        }
        var idList = string.Join(",", ids.Distinct());
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Only integer ids are spliced into the SQL.
        var percentiles = $"""
            UPDATE metric_values SET national_percentile = r.p
            FROM (
              SELECT v.id, percent_rank() OVER (PARTITION BY v.metric_id, v.year, v.subgroup_type, v.subgroup ORDER BY v.value) AS p
              FROM metric_values v JOIN geographies g ON g.id = v.geography_id
              WHERE g.kind = {(int)GeographyKind.County} AND v.value IS NOT NULL AND v.metric_id IN ({idList})
            ) r
            WHERE metric_values.id = r.id AND metric_values.national_percentile IS DISTINCT FROM r.p
            """;
        await db.Database.ExecuteSqlRawAsync(percentiles, ct);

        var statistics = new List<MetricStatistic>();
        var connection = db.Database.GetDbConnection();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction.GetDbTransaction();
            command.CommandTimeout = 600;
            command.CommandText = $"""
                SELECT v.metric_id, v.year, v.subgroup_type, v.subgroup, g.state_fips, v.value
                FROM metric_values v JOIN geographies g ON g.id = v.geography_id
                WHERE g.kind = {(int)GeographyKind.County} AND v.value IS NOT NULL AND v.metric_id IN ({idList})
                ORDER BY v.metric_id, v.year, v.subgroup_type, v.subgroup, v.value
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            await CollectAsync(reader, statistics, ct);
        }

        await db.MetricStatistics.Where(s => ids.Contains(s.MetricId)).ExecuteDeleteAsync(ct);
        db.MetricStatistics.AddRange(statistics);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task CollectAsync(DbDataReader reader, List<MetricStatistic> statistics, CancellationToken ct)
    {
        var national = new List<double>();
        var byState = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        (int Metric, short Year, string Type, string Subgroup)? group = null;

        void Flush()
        {
            if (group is not { } g)
            {
                return;
            }
            statistics.Add(Summarize(g.Metric, g.Year, g.Type, g.Subgroup, MetricStatistic.NationalScope, national));
            if (g.Type == Subgroups.AllType)
            {
                foreach (var (state, values) in byState)
                {
                    statistics.Add(Summarize(g.Metric, g.Year, g.Type, g.Subgroup, state, values));
                }
            }
            national.Clear();
            byState.Clear();
        }

        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetInt32(0), Convert.ToInt16(reader.GetValue(1)), reader.GetString(2), reader.GetString(3));
            if (group != key)
            {
                Flush();
                group = key;
            }
            var value = reader.GetDouble(5);
            national.Add(value);
            if (key.Item3 == Subgroups.AllType)
            {
                var state = reader.GetString(4);
                if (!byState.TryGetValue(state, out var list))
                {
                    byState[state] = list = [];
                }
                list.Add(value);
            }
        }
        Flush();
    }

    /// <summary>Values arrive sorted, so quantiles are read off by position (linear interpolation, like percentile_cont).</summary>
    private static MetricStatistic Summarize(int metricId, short year, string type, string subgroup, string scope, List<double> sorted) => new()
    {
        MetricId = metricId,
        Year = year,
        SubgroupType = type,
        Subgroup = subgroup,
        Scope = scope,
        Count = sorted.Count,
        Min = sorted[0],
        P25 = Quantile(sorted, 0.25),
        Median = Quantile(sorted, 0.5),
        P75 = Quantile(sorted, 0.75),
        Max = sorted[^1],
    };

    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
