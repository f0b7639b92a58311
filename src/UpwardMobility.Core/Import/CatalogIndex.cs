using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>The catalog as the importer needs it: every variable name, alias and quality column to its metric.</summary>
public sealed class CatalogIndex
{
    public sealed record MetricInfo(int Id, string Key, MetricUnit Unit, double? ValidMin, double? ValidMax, IReadOnlyList<string> Aliases, IReadOnlyList<string> QualityColumns);

    private readonly Dictionary<string, MetricInfo> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<MetricInfo>> byQualityColumn = new(StringComparer.OrdinalIgnoreCase);

    public CatalogIndex(IEnumerable<MetricInfo> metrics)
    {
        foreach (var metric in metrics)
        {
            byName[metric.Key] = metric;
            foreach (var alias in metric.Aliases)
            {
                byName.TryAdd(alias, metric);
            }
            foreach (var column in metric.QualityColumns.Append(metric.Key + "_quality"))
            {
                if (!byQualityColumn.TryGetValue(column, out var list))
                {
                    byQualityColumn[column] = list = [];
                }
                if (!list.Contains(metric))
                {
                    list.Add(metric);
                }
            }
        }
    }

    public static async Task<CatalogIndex> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var metrics = await db.Metrics.AsNoTracking()
            .Select(m => new { m.Id, m.Key, m.Unit, m.ValidMin, m.ValidMax, m.Aliases, m.QualityColumns })
            .ToListAsync(ct);
        return new CatalogIndex(metrics.Select(m => new MetricInfo(m.Id, m.Key, m.Unit, m.ValidMin, m.ValidMax, m.Aliases, m.QualityColumns)));
    }

    public MetricInfo? FindMetric(string column) => byName.GetValueOrDefault(column);

    public IReadOnlyList<MetricInfo> MetricsForQualityColumn(string column) =>
        byQualityColumn.TryGetValue(column, out var list) ? list : [];
}
