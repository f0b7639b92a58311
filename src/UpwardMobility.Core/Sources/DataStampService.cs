using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Sources;

/// <summary>
/// The data stamp of a page from the metrics it shows. Which imports wrote each metric's county values comes from
/// <see cref="CountyDistributionCache"/> (collected while it loads the values, no extra query); the imports' file names
/// and dates and the metric keys are read once per <see cref="DataVersion"/> (two small queries). A singleton.
/// </summary>
public sealed class DataStampService(IDbContextFactory<AppDbContext> dbFactory, DataVersion dataVersion, CountyDistributionCache distributions)
{
    private sealed record Snapshot(string Version, IReadOnlyDictionary<int, DataImport> Imports, IReadOnlyDictionary<string, int> MetricIds);

    private volatile Snapshot? _snapshot;

    /// <summary>
    /// The imports behind the county values of <paramref name="metricKeys"/> (of one <paramref name="year"/>, or all
    /// years), plus, with <paramref name="withWeights"/>, the import of the populations the benchmarks are weighted by.
    /// A city page passes <see cref="Geographies.GeographyKind.City"/>: the files behind the cities' values.
    /// </summary>
    public async Task<DataStamp> ForMetricsAsync(
        IEnumerable<string> metricKeys, short? year = null, bool withWeights = true, CancellationToken ct = default,
        Geographies.GeographyKind kind = Geographies.GeographyKind.County)
    {
        var snapshot = await SnapshotAsync(ct);
        var ids = metricKeys.Distinct(StringComparer.Ordinal)
            .Select(k => snapshot.MetricIds.TryGetValue(k, out var id) ? id : (int?)null)
            .Where(id => id is not null)
            .Select(id => id!.Value)
            .ToList();
        if (ids.Count == 0)
        {
            return DataStamp.None;
        }
        var loaded = await distributions.GetAsync(kind, ids, ct);
        var importIds = new HashSet<int>();
        foreach (var id in ids)
        {
            importIds.UnionWith(loaded.ImportsOf(id, year));
        }
        var sources = importIds
            .Select(id => snapshot.Imports.GetValueOrDefault(id))
            .Where(i => i is not null)
            .Select(i => new DataSource(i!.Id, i.FileName, i.StartedAtUtc, i.IsDemo, IsWeights: false))
            .ToList();
        if (withWeights && importIds.Count > 0)
        {
            sources.AddRange(loaded.Populations.Imports
                .Where(id => !importIds.Contains(id))
                .Select(id => snapshot.Imports.GetValueOrDefault(id))
                .Where(i => i is not null)
                .Select(i => new DataSource(i!.Id, i.FileName, i.StartedAtUtc, i.IsDemo, IsWeights: true)));
        }
        return new DataStamp(sources.OrderBy(s => s.IsWeights).ThenBy(s => s.FileName, StringComparer.Ordinal).ToList());
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        var version = await dataVersion.GetAsync(ct);
        if (_snapshot is { } current && current.Version == version)
        {
            return current;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var imports = await db.Imports.AsNoTracking()
            .Where(i => i.Status == ImportStatus.Committed)
            .Select(i => new DataImport { Id = i.Id, FileName = i.FileName, StartedAtUtc = i.StartedAtUtc, IsDemo = i.IsDemo })
            .ToDictionaryAsync(i => i.Id, ct);
        var metrics = await db.Metrics.AsNoTracking().Select(m => new { m.Key, m.Id }).ToDictionaryAsync(m => m.Key, m => m.Id, StringComparer.Ordinal, ct);
        var next = new Snapshot(version, imports, metrics);
        _snapshot = next;
        return next;
    }
}
