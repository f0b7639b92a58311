using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>How a county's value compares with other counties, once the metric's direction is taken into account.</summary>
public enum Standing
{
    /// <summary>No judgement: a context or parity metric, or no percentile.</summary>
    NotJudged = 0,
    Better = 1,
    Worse = 2,
    Middle = 3,
}

/// <summary>
/// Plain words for comparisons, aware of each metric's direction: "better than 72% of US counties" for
/// <see cref="MetricDirection.Up"/> and <see cref="MetricDirection.Down"/> metrics, neutral words for
/// <see cref="MetricDirection.Context"/> and distance from 1.0 for <see cref="MetricDirection.Parity"/>.
/// </summary>
public static class DashboardWords
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>How close to 1.0 a parity ratio may be and still be called "at parity".</summary>
    public const double ParityTolerance = 0.05;

    /// <summary>
    /// The share (0..1) of US counties this county does better than, from <see cref="CountyDistributions.Percentile"/>
    /// (the share with a lower value); null for context and parity metrics, which carry no better or worse.
    /// </summary>
    public static double? BetterThanShare(double? percentile, MetricDirection direction)
    {
        if (percentile is not { } p || !double.IsFinite(p))
        {
            return null;
        }
        p = Math.Clamp(p, 0, 1);
        return direction switch
        {
            MetricDirection.Up => p,
            MetricDirection.Down => 1 - p,
            _ => null,
        };
    }

    /// <summary>Better (top two fifths), worse (bottom two fifths), middle, or not judged.</summary>
    public static Standing StandingOf(double? percentile, MetricDirection direction) =>
        BetterThanShare(percentile, direction) switch
        {
            null => Standing.NotJudged,
            >= 0.6 => Standing.Better,
            < 0.4 => Standing.Worse,
            _ => Standing.Middle,
        };

    /// <summary>A whole percent between 0 and 100, e.g. 0.724 → 72.</summary>
    public static int Percent(double share) => (int)Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The percentile in words: "better than 72% of US counties" (up/down), "higher than 72% of US counties"
    /// (context), the distance from parity for parity metrics (needs <paramref name="value"/>); null when nothing can be said.
    /// </summary>
    public static string? PercentileText(double? percentile, MetricDirection direction, double? value = null)
    {
        if (direction == MetricDirection.Parity)
        {
            return ParityText(value);
        }
        if (percentile is not { } p || !double.IsFinite(p))
        {
            return null;
        }
        return direction switch
        {
            MetricDirection.Up or MetricDirection.Down =>
                $"better than {Percent(BetterThanShare(p, direction)!.Value).ToString(Culture)}% of US counties",
            _ => $"higher than {Percent(p).ToString(Culture)}% of US counties",
        };
    }

    /// <summary>
    /// A parity ratio's distance from 1.0 in words: "at parity", "12% below parity", "20% above parity".
    /// Null when there is no value.
    /// </summary>
    public static string? ParityText(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return null;
        }
        var distance = v - 1;
        if (Math.Abs(distance) < ParityTolerance)
        {
            return "at parity (within 5% of 1.0)";
        }
        var percent = ((int)Math.Round(Math.Abs(distance) * 100, MidpointRounding.AwayFromZero)).ToString(Culture);
        return distance < 0 ? $"{percent}% below parity (1.0)" : $"{percent}% above parity (1.0)";
    }

    /// <summary>"above", "below" or "the same as" a median, judged "better"/"worse" by direction; null without both numbers.</summary>
    public static string? CompareToMedian(double? value, double? median, MetricDirection direction, string whose)
    {
        if (value is not { } v || median is not { } m || !double.IsFinite(v) || !double.IsFinite(m))
        {
            return null;
        }
        if (Math.Abs(v - m) <= Math.Abs(m) * 1e-9)
        {
            return $"the same as the {whose} median";
        }
        var position = v > m ? "above" : "below";
        var judgement = (direction, v > m) switch
        {
            (MetricDirection.Up, true) or (MetricDirection.Down, false) => " (better)",
            (MetricDirection.Up, false) or (MetricDirection.Down, true) => " (worse)",
            _ => "",
        };
        return $"{position} the {whose} median{judgement}";
    }

    /// <summary>
    /// The change from the previous year with data: "up 2.3 percentage points since 2021 (better)", "down $1,200 since
    /// 2020 (worse)", "no change since 2021"; no judgement for context and parity metrics. Null without a previous value.
    /// </summary>
    public static string? ChangeText(double? current, double? previous, short? previousYear, MetricUnit unit, MetricDirection direction)
    {
        if (current is not { } c || previous is not { } p || previousYear is not { } year || !double.IsFinite(c) || !double.IsFinite(p))
        {
            return null;
        }
        var delta = c - p;
        var amount = FormatChange(Math.Abs(delta), unit);
        if (amount == FormatChange(0, unit))
        {
            return FormattableString.Invariant($"no change since {year}");
        }
        var verb = delta > 0 ? "up" : "down";
        var judgement = (direction, delta > 0) switch
        {
            (MetricDirection.Up, true) or (MetricDirection.Down, false) => " (better)",
            (MetricDirection.Up, false) or (MetricDirection.Down, true) => " (worse)",
            _ => "",
        };
        return FormattableString.Invariant($"{verb} {amount} since {year}{judgement}");
    }

    /// <summary>A size of change in the metric's unit: shares in percentage points, rates with their "per".</summary>
    public static string FormatChange(double amount, MetricUnit unit) => unit switch
    {
        MetricUnit.Share => (amount * 100).ToString("0.0", Culture) + " percentage points",
        MetricUnit.AbRatio or MetricUnit.Ratio => amount.ToString("#,##0.00", Culture),
        _ => MetricFormatter.FormatNumber(amount, unit) + MetricFormatter.Suffix(unit),
    };

    /// <summary>The words shown beside a Weak value.</summary>
    public const string TooUncertain = "too uncertain to act on";

    /// <summary>Strong and Marginal values may be judged; Weak and unrated ones may not.</summary>
    public static bool UsableForJudgement(DataQuality quality) => quality is DataQuality.Strong or DataQuality.Marginal;
}
