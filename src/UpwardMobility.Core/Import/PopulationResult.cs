namespace UpwardMobility.Core.Import;

/// <summary>Population figures new or different after an import, and notes on figures a file gave twice.</summary>
public sealed record PopulationResult(int Written, IReadOnlyList<string> Warnings)
{
    public static readonly PopulationResult None = new(0, []);
}
