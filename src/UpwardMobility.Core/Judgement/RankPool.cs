namespace UpwardMobility.Core.Judgement;

/// <summary>
/// The values a county is ranked among (every county's value of one metric, year and subgroup that is not Weak, sorted
/// ascending), less the catalog's special values, which are facts in words and never ranked. Every page builds its pool
/// the same way (the place pages, the map, compare and the rankings), so a county has one rank. Pure; counts by binary search.
/// </summary>
public sealed class RankPool
{
    private readonly ReadOnlyMemory<double> _sorted;
    private readonly IReadOnlyList<SpecialValue> _specials;
    private readonly int _specialCount;

    /// <param name="sorted">Ascending, finite; the county's own value among them.</param>
    public RankPool(ReadOnlyMemory<double> sorted, IReadOnlyList<SpecialValue>? specials = null)
    {
        _sorted = sorted;
        _specials = specials ?? [];
        _specialCount = _specials.Sum(s => RawEqual(s.Value));
    }

    public static RankPool Of(IEnumerable<double> values, IReadOnlyList<SpecialValue>? specials = null)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return new RankPool(sorted, specials);
    }

    /// <summary>How many values are ranked (special values left out).</summary>
    public int Count => _sorted.Length - _specialCount;

    /// <summary>Ranked values strictly below <paramref name="value"/>.</summary>
    public int Below(double value) => RawBelow(value) - _specials.Where(s => s.Value < value).Sum(s => RawEqual(s.Value));

    /// <summary>Ranked values strictly above <paramref name="value"/>.</summary>
    public int Above(double value) => (_sorted.Length - RawAtOrBelow(value)) - _specials.Where(s => s.Value > value).Sum(s => RawEqual(s.Value));

    /// <summary>Ranked values equal to <paramref name="value"/> (the county's own included when it is in the pool).</summary>
    public int Equal(double value) => SpecialValue.Find(_specials, value) is null ? RawEqual(value) : 0;

    private int RawEqual(double value) => RawAtOrBelow(value) - RawBelow(value);

    private int RawBelow(double value)
    {
        var span = _sorted.Span;
        int lo = 0, hi = span.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (span[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private int RawAtOrBelow(double value)
    {
        var span = _sorted.Span;
        int lo = 0, hi = span.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (span[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
