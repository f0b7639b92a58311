using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>How a county's standing may be read.</summary>
public enum StandingKind
{
    /// <summary>Ranked from the best: an up/down metric that is not a count, a value that is not Weak nor special.</summary>
    Ranked = 0,

    /// <summary>Placed among the counties without better or worse: context metrics, distance from parity.</summary>
    Described = 1,

    /// <summary>Shown but not ranked: Weak values, special values, counts, no value to rank among.</summary>
    NotRanked = 2,
}

/// <summary>The colour band of a standing: the top two fifths, the bottom two fifths, the middle, or not judged.</summary>
public enum StandingBand
{
    NotJudged = 0,
    Better = 1,
    Worse = 2,
    Middle = 3,
}

/// <summary>
/// Where a county's value stands among other counties', ties and its interval taken into account.
/// <see cref="Rank"/>: 1 = best, tied counties share the better rank; <see cref="PlausibleBest"/>–<see cref="PlausibleWorst"/>:
/// the ranks its 95% interval allows (its bounds ranked among the other counties' values).
/// </summary>
public sealed record Standing(
    StandingKind Kind,
    int? Rank,
    int Count,
    int TiedWith,
    int? PlausibleBest,
    int? PlausibleWorst,
    double? BetterThanShare,
    Verdict Words)
{
    public StandingBand Band => Kind != StandingKind.Ranked || BetterThanShare is not { } share
        ? StandingBand.NotJudged
        : share >= 0.6 ? StandingBand.Better : share < 0.4 ? StandingBand.Worse : StandingBand.Middle;

    /// <summary>How close to 1.0 a parity ratio may be and still be called "at parity".</summary>
    public const double ParityTolerance = 0.05;

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>
    /// The standing of <paramref name="county"/> among <paramref name="pool"/> (which holds the county's own value).
    /// <paramref name="among"/> names the pool in the sentence: "US counties", "California's counties";
    /// <paramref name="kind"/> is the kind of place ranked (counties unless given).
    /// </summary>
    public static Standing Of(MetricOutline metric, Estimate county, RankPool pool, string among = "US counties", PlaceKind? kind = null)
    {
        kind ??= PlaceKind.County;
        if (MetricRules.Special(metric, county.Value) is { } special)
        {
            return NotRanked($"{special.Meaning}: not ranked", Methods.SpecialValues);
        }
        if (metric.Direction == MetricDirection.Parity)
        {
            return new Standing(StandingKind.Described, null, pool.Count, 0, null, null, null, new Verdict(ParityWords(county.Value), Methods.Context));
        }
        if (metric.Unit == MetricUnit.Count)
        {
            return NotRanked($"a count, which depends on the {kind.Singular}'s size: not ranked against other {kind.Plural}", Methods.Counts);
        }
        if (county.IsWeak)
        {
            return NotRanked($"Weak value, {Quality.TooUncertain}: not ranked", Methods.Quality);
        }
        var n = pool.Count;
        if (n <= 1)
        {
            return NotRanked(n == 1 ? $"the only one of the {among} with a value" : $"no other {kind.Singular} to rank among", Methods.Ranks);
        }
        var v = county.Value;
        var tied = Math.Max(0, pool.Equal(v) - 1);
        var shown = MetricFormatter.Format(v, metric.Unit);
        if (!MetricRules.HasBetterSide(metric))
        {
            return Describe(pool, v, tied, shown, among, kind);
        }

        var up = metric.Direction == MetricDirection.Up;
        var better = up ? pool.Above(v) : pool.Below(v);
        var worse = up ? pool.Below(v) : pool.Above(v);
        var rank = better + 1;
        var share = (double)worse / (n - 1);
        var (plausibleBest, plausibleWorst) = Plausible(county, pool, up, rank);
        var range = plausibleBest is { } pb && plausibleWorst is { } pw && pb != pw ? $" (plausibly {Ordinal(pb)}–{Ordinal(pw)})" : "";
        var bestEnd = up ? "highest" : "lowest";
        var worstEnd = up ? "lowest" : "highest";
        var hint = up ? "higher is better" : "lower is better";
        var count = n.ToString("#,##0", Culture);
        var text = (better, worse, tied) switch
        {
            (0, _, 0) => $"the {bestEnd} value of {count} {among}{range} ({hint})",
            (0, _, _) => $"among the {(tied + 1).ToString("#,##0", Culture)} {among} tied at {shown}, the {bestEnd} value of {count}{range} ({hint})",
            (_, 0, 0) => $"the {worstEnd} value of {count} {among}{range} ({hint})",
            (_, 0, _) => $"among the {(tied + 1).ToString("#,##0", Culture)} {among} tied at {shown}, the {worstEnd} value of {count}{range} ({hint})",
            _ => $"ranks {Ordinal(rank)}{range} of {count} {among}{TiedWords(tied, kind)}: better than {Percent(share)} of them",
        };
        return new Standing(StandingKind.Ranked, rank, n, tied, plausibleBest, plausibleWorst, share,
            new Verdict(text, range.Length > 0 ? Methods.RankIntervals : Methods.Ranks));
    }

    /// <summary>A share as a percent that never reads 0% or 100% unless it is: "72%", "more than 99%", "fewer than 1%".</summary>
    public static string Percent(double share)
    {
        var percent = (int)Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero);
        return (percent, share) switch
        {
            (100, < 1) => "more than 99%",
            (0, > 0) => "fewer than 1%",
            _ => percent.ToString(Culture) + "%",
        };
    }

    /// <summary>
    /// "better than 72% of US counties" for an average share (the summary's predictors); never 0% or 100%: at the ends
    /// it says where the place is ("at the best end of US counties", which a place tied at the best value is too).
    /// </summary>
    public static string BetterThanWords(double share, string among = "US counties") => share switch
    {
        >= 1 => $"at the best end of {among}",
        <= 0 => $"at the worst end of {among}",
        _ => $"better than {Percent(share)} of {among}",
    };

    /// <summary>A "better than" share in a table cell: "72%", never "0%" or "100%" ("none", "all others").</summary>
    public static string BetterThanCell(double share) => share switch
    {
        >= 1 => "all others",
        <= 0 => "none",
        _ => Percent(share),
    };

    /// <summary>A parity ratio's distance from 1.0: "at parity (within 5% of 1.0)", "12% below parity (1.0)".</summary>
    public static string ParityWords(double value)
    {
        var distance = value - 1;
        if (Math.Abs(distance) < ParityTolerance)
        {
            return "at parity (within 5% of 1.0)";
        }
        var percent = ((int)Math.Round(Math.Abs(distance) * 100, MidpointRounding.AwayFromZero)).ToString(Culture);
        return distance < 0 ? $"{percent}% below parity (1.0)" : $"{percent}% above parity (1.0)";
    }

    /// <summary>1st, 2nd, 3rd, 11th, 2,782nd.</summary>
    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString("#,##0", Culture) + suffix;
    }

    private static Standing NotRanked(string words, string anchor) =>
        new(StandingKind.NotRanked, null, 0, 0, null, null, null, new Verdict(words, anchor));

    private static string TiedWords(int tied, PlaceKind kind) => tied switch
    {
        0 => "",
        1 => $", tied with 1 other {kind.Singular}",
        _ => $", tied with {tied.ToString("#,##0", Culture)} other {kind.Plural}",
    };

    /// <summary>Context metrics: where the value lies, in words that carry no better or worse.</summary>
    private static Standing Describe(RankPool pool, double v, int tied, string shown, string among, PlaceKind kind)
    {
        var n = pool.Count;
        var below = pool.Below(v);
        var above = pool.Above(v);
        var count = n.ToString("#,##0", Culture);
        var text = (above, below, tied) switch
        {
            (0, _, 0) => $"the highest value of {count} {among}",
            (0, _, _) => $"among the {(tied + 1).ToString("#,##0", Culture)} {among} tied at {shown}, the highest value of {count}",
            (_, 0, 0) => $"the lowest value of {count} {among}",
            (_, 0, _) => $"among the {(tied + 1).ToString("#,##0", Culture)} {among} tied at {shown}, the lowest value of {count}",
            _ => $"higher than {Percent((double)below / (n - 1))} of {among}{TiedWords(tied, kind)}",
        };
        return new Standing(StandingKind.Described, null, n, tied, null, null, null, new Verdict(text, Methods.Context));
    }

    /// <summary>
    /// The ranks the county's 95% interval allows: its better bound and its worse bound each ranked among the other
    /// counties' values (1 + the number of other counties strictly better than the bound). Null without an interval.
    /// </summary>
    private static (int? Best, int? Worst) Plausible(Estimate county, RankPool pool, bool up, int rank)
    {
        if (!county.HasInterval)
        {
            return (null, null);
        }
        var v = county.Value;
        var lower = Math.Min(county.Lower!.Value, v);
        var upper = Math.Max(county.Upper!.Value, v);
        // The county's own value is in the pool: leave it out where it lies beyond the bound.
        int best, worst;
        if (up)
        {
            best = 1 + pool.Above(upper);
            worst = 1 + pool.Above(lower) - (v > lower ? 1 : 0);
        }
        else
        {
            best = 1 + pool.Below(lower);
            worst = 1 + pool.Below(upper) - (v < upper ? 1 : 0);
        }
        return (Math.Min(best, rank), Math.Max(worst, rank));
    }
}
