using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Counties;

/// <summary>
/// Finds counties by name or FIPS code and lists them by state. The visible counties (about 3,300 small rows)
/// are held in memory as a <see cref="CountyIndex"/>, so search-as-you-type costs one small query (the
/// <see cref="DataVersion"/>) instead of a search in the database, and accent folding happens in C#, the same on SQLite
/// and PostgreSQL. The copy belongs to the data version it was loaded at: when an import, a rollback or an audited edit
/// moves the version, by this process or by another instance or the command line on the same database, the next
/// caller waits for a fresh copy. Besides, a copy older than <see cref="CacheLifetime"/> is reloaded in the background
/// (callers keep getting it meanwhile), for changes no version records (a newer build's county list at its start-up).
/// Register as a singleton.
/// </summary>
public sealed class CountyDirectoryService(IDbContextFactory<AppDbContext> dbFactory, DataVersion dataVersion)
{
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot>? _refresh;
    private long _generation;

    /// <summary>How long a copy of an unchanged data version is served before a background reload starts.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The counties, cities and data status as loaded from the database at data version <paramref name="Version"/>.</summary>
    /// <param name="Index">The visible counties.</param>
    public sealed record Snapshot(CountyIndex Index, bool DemoDataLoaded, long LoadedAtTicks, string Version)
    {
        /// <summary>The visible cities (Urban's 486 places).</summary>
        public CountyIndex Cities { get; init; } = CountyIndex.Empty;

        /// <summary>Counties and cities together: what the search box finds.</summary>
        public CountyIndex Places { get; init; } = CountyIndex.Empty;
    }

    /// <summary>Ranked county suggestions; see <see cref="CountyIndex.Search"/>.</summary>
    public async Task<IReadOnlyList<CountySummary>> SearchAsync(string? query, int limit = 8, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Index.Search(query, limit);

    /// <summary>Ranked suggestions among counties and cities together (the search box): "Auburn city, AL" beside Lee County.</summary>
    public async Task<IReadOnlyList<CountySummary>> SearchPlacesAsync(string? query, int limit = 8, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Places.Search(query, limit);

    /// <summary>Ranked city suggestions (compare and peers among cities).</summary>
    public async Task<IReadOnlyList<CountySummary>> SearchCitiesAsync(string? query, int limit = 8, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Cities.Search(query, limit);

    /// <summary>Visible cities by state, optionally filtered (the <c>/cities</c> list).</summary>
    public async Task<IReadOnlyList<StateCounties>> ListCitiesByStateAsync(string? filter = null, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Cities.ListByState(filter);

    /// <summary>The visible city with exactly this 7-digit code, or null.</summary>
    public async Task<CountySummary?> FindCityAsync(string? fips, CancellationToken ct = default) =>
        fips is null ? null : (await GetSnapshotAsync(ct)).Cities.FindByCode(fips.Trim());

    /// <summary>Current counties by state, optionally filtered; see <see cref="CountyIndex.ListByState"/>.</summary>
    public async Task<IReadOnlyList<StateCounties>> ListByStateAsync(string? filter = null, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Index.ListByState(filter);

    /// <summary>The visible county with this FIPS code (4-digit codes are padded), or null.</summary>
    public async Task<CountySummary?> FindAsync(string? fips, CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).Index.FindByFips(fips);

    /// <summary>The county a reader typed (code or name); see <see cref="CountyMatch.Choose"/>.</summary>
    public async Task<CountyMatch> MatchAsync(string text, int limit = 8, CancellationToken ct = default) =>
        GeographyLookup.CountyFips(text) is not null ? CountyMatch.Choose(text, []) : CountyMatch.Choose(text, await SearchAsync(text, limit, ct));

    /// <summary>True while any metric value in the database comes from the synthetic demo data set.</summary>
    public async Task<bool> IsDemoDataLoadedAsync(CancellationToken ct = default) =>
        (await GetSnapshotAsync(ct)).DemoDataLoaded;

    /// <summary>Drops the cached copy: the next call reads the database again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _snapshot = null;
            _refresh = null;
        }
    }

    public async Task<Snapshot> GetSnapshotAsync(CancellationToken ct = default)
    {
        var version = await dataVersion.GetAsync(ct);
        Snapshot? current;
        Task<Snapshot> refresh;
        lock (_gate)
        {
            current = _snapshot;
            if (current is not null && current.Version != version)
            {
                // The data moved on (possibly through another instance): this copy must not answer again.
                _generation++;
                _snapshot = current = null;
                _refresh = null;
            }
            if (current is not null && Stopwatch.GetElapsedTime(current.LoadedAtTicks) < CacheLifetime)
            {
                return current;
            }
            refresh = _refresh ??= RefreshAsync(_generation);
        }
        // Stale by age only: serve it while the reload runs.
        return current ?? await refresh.WaitAsync(ct);
    }

    private async Task<Snapshot> RefreshAsync(long generation)
    {
        // Leave the lock before touching the database (the caller holds it while this method starts).
        await Task.Yield();
        try
        {
            var snapshot = await LoadAsync(CancellationToken.None);
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _snapshot = snapshot;
                }
            }
            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _refresh = null;
                }
            }
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        // Read before the rows: a change landing meanwhile leaves this copy tagged older than it is, so it is reloaded.
        var version = await dataVersion.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var places = await db.Geographies.AsNoTracking()
            .Where(g => !g.Hidden)
            .Select(g => new
            {
                g.Kind,
                Summary = new CountySummary(
                    g.Fips,
                    g.Name,
                    g.StateFips,
                    g.StateName,
                    g.StateAbbr,
                    g.Historical,
                    g.Populations.OrderByDescending(p => p.Year).Select(p => (long?)p.Population).FirstOrDefault()),
            })
            .ToListAsync(ct);
        var all = places.Select(p => p.Kind == GeographyKind.County ? p.Summary : p.Summary with { Kind = PlaceKind.City }).ToList();
        var demo = await db.Imports.AsNoTracking()
            .Where(i => i.IsDemo)
            .AnyAsync(i => db.MetricValues.Any(v => v.ImportId == i.Id), ct);
        return new Snapshot(new CountyIndex(all.Where(p => p.Kind == PlaceKind.County)), demo, Stopwatch.GetTimestamp(), version)
        {
            Cities = new CountyIndex(all.Where(p => p.Kind == PlaceKind.City)),
            Places = new CountyIndex(all),
        };
    }
}
