namespace UpwardMobility.Web.PeerGroups;

/// <summary>Where a saved peer group can be opened: <c>Base</c> plus one <c>Param=fips</c> per county.</summary>
public sealed record PeerLink(string Label, string Base, string Param)
{
    public static PeerLink Compare { get; } = new("Compare", "compare", "fips");

    public string For(IEnumerable<string> fips, int max = int.MaxValue)
    {
        var query = string.Join("&", fips.Take(max).Select(f => Param + "=" + Uri.EscapeDataString(f)));
        return Base + (Base.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }
}
