namespace UpwardMobility.Web.Map;

/// <summary>What the map's hover/tap panel shows for one place (<c>/map/details.json</c>): texts, written by the judgement rules.</summary>
public sealed record MapDetail(string Value, string? Interval, string Quality, string? Standing);
