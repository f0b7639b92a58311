namespace UpwardMobility.Core.Judgement;

/// <summary>What two 95% intervals allow us to say about the difference between two values.</summary>
public enum IntervalVerdict
{
    /// <summary>At least one interval is not published: nothing can be said about whether the difference is real.</summary>
    NoInterval = 0,

    /// <summary>The intervals overlap (touching counts): the difference is within the uncertainty.</summary>
    Overlap = 1,

    /// <summary>The intervals do not overlap: the difference is larger than the uncertainty.</summary>
    Apart = 2,
}

/// <summary>The interval rule, the one every page uses (docs/methods.md, "Comparing two values").</summary>
public static class Intervals
{
    public const string NoIntervalWords = "no confidence interval published: cannot tell whether this difference is real";
    public const string OverlapWords = "within the uncertainty: the 95% intervals overlap";
    public const string ApartWords = "larger than the uncertainty: the 95% intervals do not overlap";

    /// <summary>Claimed only when both intervals exist; touching intervals overlap.</summary>
    public static IntervalVerdict Compare(Estimate a, Estimate b)
    {
        if (!a.HasInterval || !b.HasInterval)
        {
            return IntervalVerdict.NoInterval;
        }
        return a.Lower!.Value <= b.Upper!.Value && b.Lower!.Value <= a.Upper!.Value ? IntervalVerdict.Overlap : IntervalVerdict.Apart;
    }

    /// <summary>An estimate against a benchmark number (a median has no interval of its own): does its interval hold it?</summary>
    public static IntervalVerdict Against(Estimate a, double benchmark)
    {
        if (!a.HasInterval)
        {
            return IntervalVerdict.NoInterval;
        }
        return a.Lower!.Value <= benchmark && benchmark <= a.Upper!.Value ? IntervalVerdict.Overlap : IntervalVerdict.Apart;
    }

    /// <summary>The verdict as a clause: "within the uncertainty: the 95% intervals overlap".</summary>
    public static string Words(IntervalVerdict verdict) => verdict switch
    {
        IntervalVerdict.Apart => ApartWords,
        IntervalVerdict.Overlap => OverlapWords,
        _ => NoIntervalWords,
    };

    /// <summary>
    /// The gap value(a) − value(b) with an approximate 95% interval: each side's half-widths combined as the square root
    /// of the sum of squares (independent, roughly normal errors). No interval when either has none. Quality: the weaker.
    /// </summary>
    public static Estimate GapOf(Estimate a, Estimate b)
    {
        var gap = a.Value - b.Value;
        double? lower = null, upper = null;
        if (a.HasInterval && b.HasInterval)
        {
            var down = Math.Sqrt(Square(a.Value - a.Lower!.Value) + Square(b.Upper!.Value - b.Value));
            var up = Math.Sqrt(Square(a.Upper!.Value - a.Value) + Square(b.Value - b.Lower!.Value));
            lower = gap - down;
            upper = gap + up;
        }
        return new Estimate(gap, lower, upper, Quality.Weaker(a.Quality, b.Quality));
    }

    private static double Square(double x) => x * x;
}
