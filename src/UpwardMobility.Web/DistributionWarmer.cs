using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Web;

/// <summary>
/// Loads every metric's county distributions in the background soon after the data change (an import here or from
/// the command line, a rollback, an edit), so the first visitor afterwards does not wait the 1–2 s that loading all of
/// them takes with Urban's full data. Pages still load what they need themselves if they get there first.
/// </summary>
public sealed class DistributionWarmer(
    CountyDistributionCache cache, DataVersion dataVersion, IDbContextFactory<AppDbContext> dbFactory, ILogger<DistributionWarmer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        string? warmed = null;
        do
        {
            try
            {
                warmed = await WarmAsync(warmed, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable; pages load on demand meanwhile, and the next tick retries.
                logger.LogWarning(ex, "Could not load the county distributions in the background.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Loads everything when the data version differs from <paramref name="warmedVersion"/>; returns the version now warm.</summary>
    public async Task<string> WarmAsync(string? warmedVersion, CancellationToken ct)
    {
        var version = await dataVersion.GetAsync(ct);
        if (version == warmedVersion)
        {
            return version;
        }
        List<int> metricIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            metricIds = await db.Metrics.AsNoTracking().Select(m => m.Id).ToListAsync(ct);
        }
        await cache.GetAsync(metricIds, ct);
        return version;
    }
}
