using System.Globalization;
using UpwardMobility.Core.Dashboard;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Web.Metrics;

/// <summary>
/// The sentence under a groups table cut to <see cref="Core.Import.UrbanCsvReader.MaxSubgroupsShownPerType"/> rows:
/// how many groups are left out and where all of them are.
/// </summary>
public static class SubgroupsNotShown
{
    /// <param name="csv">Where the complete list is, as the end of the sentence ("the CSV download below").</param>
    public static string Words(MetricDetail detail, string csv)
    {
        var type = detail.SubgroupType is { } t ? " by " + SubgroupTypes.Label(t).ToLowerInvariant() : "";
        return $"Only {Count(detail.ShownSubgroups.Count)} of the {Count(detail.Subgroups.Count)} groups{type} are shown here; "
            + $"the other {Count(detail.HiddenSubgroupCount)} are left out of the chart and table. "
            + $"{csv} lists all {Count(detail.Subgroups.Count)}.";
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
