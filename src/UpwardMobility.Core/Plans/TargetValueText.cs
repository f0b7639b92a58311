using System.Globalization;
using UpwardMobility.Core.Catalog;

namespace UpwardMobility.Core.Plans;

/// <summary>
/// A target value as a planner types it ("72.5", "72.5%", "$41,000", "−3"), read into the metric's stored unit
/// (shares are typed in percent: <see cref="PlanWords.FromInput"/>).
/// </summary>
public static class TargetValueText
{
    /// <summary>The number typed, or null for an empty box; false when it is not a number.</summary>
    public static bool TryParse(string? text, out double? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var cleaned = text.Trim().TrimEnd('%').Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Replace('−', '-');
        if (double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            number = v;
            return true;
        }
        return false;
    }

    /// <summary>The words when <paramref name="text"/> is not a number.</summary>
    public static string NotANumber(string text) => $"The target value \"{text.Trim()}\" is not a number: write it like 72.5 (no units).";

    /// <summary>The typed value in the metric's stored unit (as typed when the unit is unknown).</summary>
    public static double? ToStored(string? text, MetricUnit? unit) =>
        TryParse(text, out var typed) && typed is { } v ? (unit is { } u ? PlanWords.FromInput(v, u) : v) : null;
}
