using UpwardMobility.Core.Dashboard;

namespace UpwardMobility.Web.Metrics;

/// <summary>Reads a <see cref="MetricView"/> from a request's query, the same way for the page and its CSV.</summary>
public static class MetricViewQuery
{
    public static MetricView Read(IQueryCollection query) => MetricView.From(
        query[MetricView.YearKey].FirstOrDefault(),
        query[MetricView.SubgroupTypeKey].FirstOrDefault(),
        // No peer parameter at all: the default peers; peer= (empty): explicitly none.
        query.ContainsKey(MetricView.PeerKey) ? query[MetricView.PeerKey].ToArray() : null);
}
