using System.Globalization;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// What the reader chose on a metric page, all of it in the URL so a copied link reproduces the view:
/// <c>?year=2021&amp;subgroup_type=gender&amp;peer=06059&amp;peer=06111</c>. <see cref="Peers"/> null: the default
/// peers; an empty list (<c>?peer=</c>) is an explicit "no peers". The page and its CSV read the same query.
/// </summary>
public sealed record MetricView(short? Year = null, string? SubgroupType = null, IReadOnlyList<string>? Peers = null)
{
    /// <summary>Most peers a view takes; more are ignored (with a notice), keeping charts legible and queries small.</summary>
    public const int MaxPeers = 12;

    public const string YearKey = "year";
    public const string SubgroupTypeKey = "subgroup_type";
    public const string PeerKey = "peer";

    /// <summary>Reads the view from query values; <paramref name="peers"/> null when the URL has no <c>peer</c> at all.</summary>
    public static MetricView From(string? year, string? subgroupType, IEnumerable<string?>? peers) => new(
        short.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
        string.IsNullOrWhiteSpace(subgroupType) ? null : subgroupType.Trim(),
        peers?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList());

    public MetricView WithPeers(IReadOnlyList<string>? peers) => this with { Peers = peers };

    /// <summary>The query string of this view (with its leading <c>?</c>), or "" for the default view.</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (Year is { } y)
        {
            parts.Add(YearKey + "=" + y.ToString(CultureInfo.InvariantCulture));
        }
        if (SubgroupType is { } type)
        {
            parts.Add(SubgroupTypeKey + "=" + Uri.EscapeDataString(type));
        }
        if (Peers is { Count: 0 })
        {
            parts.Add(PeerKey + "=");
        }
        foreach (var peer in Peers ?? [])
        {
            parts.Add(PeerKey + "=" + Uri.EscapeDataString(peer));
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public override string ToString() => nameof(MetricView) + Query();
}
