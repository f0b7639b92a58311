using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Metrics;

/// <summary>
/// Every requested metric's county values in memory (all of them, ~920k, take ~10-20 MB), so percentiles, medians and
/// quartiles are computed when read instead of rewritten on every import, and the population-weighted benchmarks once
/// per metric and data version (with the county populations, loaded once per version). Valid for one <see cref="DataVersion"/>:
/// any import, rollback or audited edit empties it, and metrics are loaded again when next asked for.
/// Counties and cities are held apart (one snapshot per <see cref="GeographyKind"/>): a city is never ranked,
/// benchmarked or weighed among counties, nor a county among cities.
/// </summary>
public sealed class CountyDistributionCache(IDbContextFactory<AppDbContext> dbFactory, DataVersion dataVersion)
{
    private sealed record Snapshot(string? Version, CountyDistributions Distributions);

    private sealed class Slot
    {
        // One load at a time: concurrent requests for the same metrics wait for the first instead of each querying.
        public readonly SemaphoreSlim Loading = new(1, 1);
        public volatile Snapshot Snapshot = new(null, CountyDistributions.Empty);
    }

    private readonly Slot _counties = new();
    private readonly Slot _cities = new();

    private Slot SlotOf(GeographyKind kind) => kind == GeographyKind.City ? _cities : _counties;

    /// <summary>Whether the county metric is in memory for that data version (a warm cache answers without loading).</summary>
    public bool IsLoaded(string version, int metricId)
    {
        var current = _counties.Snapshot;
        return current.Version == version && current.Distributions.Has(metricId);
    }

    /// <summary>County distributions holding at least <paramref name="metricIds"/>, as of the current data version.</summary>
    public Task<CountyDistributions> GetAsync(IReadOnlyCollection<int> metricIds, CancellationToken ct = default) =>
        GetAsync(GeographyKind.County, metricIds, ct);

    /// <summary>The distributions of one kind of place holding at least <paramref name="metricIds"/>, as of the current data version.</summary>
    public async Task<CountyDistributions> GetAsync(GeographyKind kind, IReadOnlyCollection<int> metricIds, CancellationToken ct = default)
    {
        var slot = SlotOf(kind);
        // The version is read before any value: data loaded after it is at least that new, never older.
        var version = await dataVersion.GetAsync(ct);
        var current = slot.Snapshot;
        if (current.Version == version && metricIds.All(current.Distributions.Has))
        {
            return current.Distributions;
        }

        await slot.Loading.WaitAsync(ct);
        try
        {
            current = slot.Snapshot;
            if (current.Version != version)
            {
                // Another request may have loaded a newer version meanwhile; keep its work if it is still current.
                version = await dataVersion.GetAsync(ct);
            }
            // A new data version starts from the populations of that version: the benchmarks' weights.
            var kept = current.Version == version
                ? current.Distributions
                : CountyDistributions.Empty.WithPopulations(await LoadPopulationsAsync(kind, ct));
            var missing = metricIds.Where(id => !kept.Has(id)).Distinct().ToList();
            var next = missing.Count == 0 ? kept : kept.With(await LoadAsync(kind, missing, ct), missing);
            slot.Snapshot = new Snapshot(version, next);
            return next;
        }
        finally
        {
            slot.Loading.Release();
        }
    }

    /// <summary>One query for all the metrics, streamed; unsorted, as sorting each group in memory is cheaper than on the server.</summary>
    private async Task<CountyGroupsBuilder> LoadAsync(GeographyKind kind, List<int> metricIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = (
                from v in db.MetricValues.AsNoTracking()
                join g in db.Geographies on v.GeographyId equals g.Id
                where metricIds.Contains(v.MetricId) && v.Value != null && g.Kind == kind
                select new CountyValueRow(v.MetricId, v.Year, v.SubgroupType, v.Subgroup, g.StateFips, v.Value!.Value, v.GeographyId, v.Quality, v.ImportId))
            .AsAsyncEnumerable();
        var builder = new CountyGroupsBuilder();
        await foreach (var row in rows.WithCancellation(ct))
        {
            builder.Add(row);
        }
        return builder;
    }

    /// <summary>Every county's (or city's) population of every year (~31k rows for Urban's ten county years): one query per data version.</summary>
    private async Task<CountyPopulations> LoadPopulationsAsync(GeographyKind kind, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from p in db.GeographyPopulations.AsNoTracking()
                join g in db.Geographies on p.GeographyId equals g.Id
                where g.Kind == kind
                select new { p.GeographyId, p.Year, p.Population, g.StateFips, p.ImportId })
            .ToListAsync(ct);
        return new CountyPopulations(rows.Select(r => (r.GeographyId, r.Year, r.Population, r.StateFips)))
        {
            Kind = PlaceKind.Of(kind),
            Imports = rows.Where(r => r.ImportId is not null).Select(r => r.ImportId!.Value).ToHashSet(),
        };
    }
}
