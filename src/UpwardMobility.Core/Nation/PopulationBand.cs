namespace UpwardMobility.Core.Nation;

/// <summary>County size classes for filtering lists; keys are what the URL carries (<c>?size=50k-250k</c>).</summary>
public sealed record PopulationBand(string Key, string Label, long Min, long MaxExclusive)
{
    public static IReadOnlyList<PopulationBand> All { get; } =
    [
        new("under-10k", "Under 10,000", 0, 10_000),
        new("10k-50k", "10,000 to 49,999", 10_000, 50_000),
        new("50k-250k", "50,000 to 249,999", 50_000, 250_000),
        new("250k-1m", "250,000 to 999,999", 250_000, 1_000_000),
        new("1m-plus", "1 million or more", 1_000_000, long.MaxValue),
    ];

    public static PopulationBand? Find(string? key) =>
        All.FirstOrDefault(b => string.Equals(b.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool Contains(long? population) => population is { } p && p >= Min && p < MaxExclusive;
}
