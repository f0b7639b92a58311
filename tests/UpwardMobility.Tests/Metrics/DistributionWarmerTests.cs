using Microsoft.Extensions.Logging.Abstractions;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;
using UpwardMobility.Web;

namespace UpwardMobility.Tests.Metrics;

/// <summary>After the data change, the background warmer has every metric in memory before a page asks.</summary>
public sealed class DistributionWarmerTests
{
    [Fact]
    public async Task An_import_is_followed_by_every_metric_loaded_for_the_new_version()
    {
        await using var db = await ImportTestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var version = new DataVersion(db.Factory);
        var cache = new CountyDistributionCache(db.Factory, version);
        var warmer = new DistributionWarmer(cache, version, db.Factory, NullLogger<DistributionWarmer>.Instance);
        var debt = await db.MetricIdAsync("share_debt_coll");
        var lowBirthWeight = await db.MetricIdAsync("share_low_birth_weight");

        await db.ImportCleanlyAsync(UrbanSource.PathOf("components/share_debt_2018.csv"));
        var first = await warmer.WarmAsync(null, CancellationToken.None);
        Assert.Equal(await version.GetAsync(), first);
        Assert.True(cache.IsLoaded(first, debt));
        Assert.True(cache.IsLoaded(first, lowBirthWeight)); // every metric, not only those with values

        await db.ImportCleanlyAsync(UrbanSource.PathOf("components/rate_low_birth_weight_metric_all_county.csv"));
        var second = await version.GetAsync();
        Assert.NotEqual(first, second);
        Assert.False(cache.IsLoaded(second, lowBirthWeight));
        Assert.Equal(second, await warmer.WarmAsync(first, CancellationToken.None));
        Assert.True(cache.IsLoaded(second, lowBirthWeight));
        var d = await cache.GetAsync([lowBirthWeight]);
        Assert.NotNull(d.Statistic(lowBirthWeight, 2022, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope));
    }
}
