namespace UpwardMobility.Core.Import;

/// <summary>Counties and cities an import created, and the real id of each temporary (negative) id the reader gave them.</summary>
public sealed record CreatedGeographies(IReadOnlyDictionary<int, int> IdsByTemporaryId, IReadOnlyList<NewGeography> Created)
{
    public static readonly CreatedGeographies None = new(new Dictionary<int, int>(), []);
}
