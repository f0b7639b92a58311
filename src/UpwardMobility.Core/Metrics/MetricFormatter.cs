using System.Globalization;
using UpwardMobility.Core.Catalog;

namespace UpwardMobility.Core.Metrics;

/// <summary>
/// The one place that writes a metric's unit in words: values, intervals, changes, the unit's name in CSVs, its
/// description on pages and forms. Always US English (invariant digits, "," thousands): 0.241 share → "24.1%",
/// 58900 dollars → "$58,900", 412.3 per 100k → "412 per 100,000", 0.69 per-hundred → "69 per 100 households",
/// 2235 (or "2235:1") residents per physician → "2,235 residents per physician", "0.190:0.272" → "19.0% : 27.2%".
/// </summary>
public static class MetricFormatter
{
    /// <summary>Shown where there is no number.</summary>
    public const string Missing = "—";

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The value with its unit, e.g. "24.1%", "$58,900", "13.7 per 10,000", "2,235 : 1".</summary>
    /// <param name="valueText">For <see cref="MetricUnit.AbRatio"/>: the <c>a:b</c> text the file wrote, preferred over the number.</param>
    public static string Format(double? value, MetricUnit unit, string? valueText = null)
    {
        if (unit == MetricUnit.AbRatio && !string.IsNullOrWhiteSpace(valueText))
        {
            return FormatAbText(valueText);
        }
        if (unit == MetricUnit.ResidentsPerPhysician && value is null && !string.IsNullOrWhiteSpace(valueText))
        {
            return FormatAbText(valueText);
        }
        if (value is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }
        return FormatNumber(v, unit) + Suffix(unit);
    }

    /// <summary>The number part only ("412" for 412.3 per 100,000; "24.1%" for a share; "$58,900" for dollars).</summary>
    public static string FormatNumber(double value, MetricUnit unit)
    {
        if (!double.IsFinite(value))
        {
            return Missing;
        }
        return unit switch
        {
            MetricUnit.Share => (value * 100).ToString("0.0", Culture) + "%",
            MetricUnit.Dollars => (value < 0 ? "-$" : "$") + Math.Abs(Math.Round(value)).ToString("#,##0", Culture),
            MetricUnit.RatePer100k => Math.Abs(value) < 10 ? value.ToString("0.0", Culture) : value.ToString("#,##0", Culture),
            MetricUnit.RatePer10k => value.ToString("#,##0.0", Culture),
            MetricUnit.Count => value.ToString("#,##0", Culture),
            MetricUnit.Ratio => value.ToString("#,##0.00", Culture),
            // Most indexes are 0–100 percentiles; a few are small numbers (learning rate: 1.0 = a grade a year).
            MetricUnit.Index => Math.Abs(value) < 10 ? value.ToString("0.00", Culture) : value.ToString("#,##0", Culture),
            MetricUnit.AbRatio => Math.Abs(value) >= 100 ? value.ToString("#,##0", Culture) : value.ToString("#,##0.00", Culture),
            MetricUnit.PerHundredHouseholds => (value * 100).ToString("#,##0", Culture),
            MetricUnit.ResidentsPerPhysician => value.ToString("#,##0", Culture),
            _ => value.ToString("#,##0.##", Culture),
        };
    }

    /// <summary>What follows the number: " per 100,000", " per 100 households", " residents per physician" or nothing.</summary>
    public static string Suffix(MetricUnit unit) => unit switch
    {
        MetricUnit.RatePer100k => " per 100,000",
        MetricUnit.RatePer10k => " per 10,000",
        MetricUnit.PerHundredHouseholds => " per 100 households",
        MetricUnit.ResidentsPerPhysician => " residents per physician",
        _ => "",
    };

    /// <summary>
    /// A size of change or difference (no sign) in the metric's own unit: shares in percentage points ("11.0
    /// percentage points"), dollars without cents ("$1,200"), "75 residents per physician", "11 per 100 households".
    /// </summary>
    public static string FormatChange(double amount, MetricUnit unit) => unit switch
    {
        MetricUnit.Share => (amount * 100).ToString("0.0", Culture) + " percentage points",
        MetricUnit.AbRatio or MetricUnit.Ratio => amount.ToString("#,##0.00", Culture),
        _ => FormatNumber(amount, unit) + Suffix(unit),
    };

    /// <summary>A signed change: "+11.0 percentage points", "−75 residents per physician", "no change".</summary>
    public static string FormatSignedChange(double delta, MetricUnit unit)
    {
        var amount = FormatChange(Math.Abs(delta), unit);
        if (amount == FormatChange(0, unit))
        {
            return "no change";
        }
        return (delta > 0 ? "+" : "\u2212") + amount;
    }

    /// <summary>The unit's short name in CSV files: "share (0 to 1)", "units per household (0.69 = 69 per 100)".</summary>
    public static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.Share => "share (0 to 1)",
        MetricUnit.Dollars => "dollars",
        MetricUnit.RatePer100k => "rate per 100,000",
        MetricUnit.RatePer10k => "rate per 10,000",
        MetricUnit.Count => "count",
        MetricUnit.Ratio => "ratio",
        MetricUnit.Index => "index",
        MetricUnit.AbRatio => "ratio a:b (value is a/b)",
        MetricUnit.PerHundredHouseholds => "units per household (0.69 = 69 per 100 households)",
        MetricUnit.ResidentsPerPhysician => "residents per physician (2235 = 2235:1)",
        _ => "",
    };

    /// <summary>The unit in a sentence, for the metric page and the catalog editor.</summary>
    public static string UnitDescription(MetricUnit unit) => unit switch
    {
        MetricUnit.Share => "Share of people (0 to 1, shown as a percentage)",
        MetricUnit.Dollars => "US dollars (shown without cents)",
        MetricUnit.RatePer100k => "Rate per 100,000 people",
        MetricUnit.RatePer10k => "Rate per 10,000 people",
        MetricUnit.Count => "Count (a number of people: depends on the county's size, so not compared between counties)",
        MetricUnit.Ratio => "Ratio",
        MetricUnit.Index => "Index",
        MetricUnit.AbRatio => "Ratio written as a : b (such as 20.8% : 27.5%)",
        MetricUnit.PerHundredHouseholds => "Units per 100 households (published as a ratio: 0.69 = 69 per 100 households)",
        MetricUnit.ResidentsPerPhysician => "Residents per primary care physician (published as 2235:1)",
        _ => unit.ToString(),
    };

    /// <summary>The unit the plan forms take values in: shares in percent (72 for 72%), the rest as published.</summary>
    public static string InputUnit(MetricUnit unit, bool gap = false) => unit switch
    {
        MetricUnit.Share => gap ? "percentage points" : "percent",
        MetricUnit.Dollars => "dollars",
        MetricUnit.RatePer100k => "per 100,000",
        MetricUnit.RatePer10k => "per 10,000",
        MetricUnit.PerHundredHouseholds => "per 100 households",
        MetricUnit.ResidentsPerPhysician => "residents per physician",
        _ => "as published",
    };

    /// <summary>How many stored units make one unit of what people read and type: 100 for shares and per-100 ratios.</summary>
    public static double DisplayScale(MetricUnit unit) => unit is MetricUnit.Share or MetricUnit.PerHundredHouseholds ? 100 : 1;

    /// <summary>"95% CI 21.0%–27.3%", "95% CI 400–425 per 100,000"; null when either bound is missing.</summary>
    public static string? FormatInterval(double? lower, double? upper, MetricUnit unit)
    {
        var range = FormatRange(lower, upper, unit);
        return range is null ? null : "95% CI " + range;
    }

    /// <summary>"21.0%–27.3%", "400–425 per 100,000" (en dash); null when either bound is missing.</summary>
    public static string? FormatRange(double? lower, double? upper, MetricUnit unit)
    {
        if (lower is not { } lo || upper is not { } hi || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            return null;
        }
        return FormatNumber(lo, unit) + "\u2013" + FormatNumber(hi, unit) + Suffix(unit);
    }

    /// <summary>A population count: "10,014,009".</summary>
    public static string FormatPopulation(long population) => population.ToString("#,##0", Culture);

    /// <summary>
    /// An <c>a:b</c> ratio as the files write it, spaced and grouped: "2235:1" → "2,235 : 1";
    /// "20.8%:27.5%" → "20.8% : 27.5%"; "0.190:0.272" (two shares) → "19.0% : 27.2%". Text that is not two
    /// numbers is returned trimmed.
    /// </summary>
    public static string FormatAbText(string text)
    {
        var trimmed = text.Trim();
        var parts = trimmed.Split(':');
        if (parts.Length != 2)
        {
            return trimmed;
        }
        var a = Side.Parse(parts[0]);
        var b = Side.Parse(parts[1]);
        if (a is null || b is null)
        {
            return parts[0].Trim() + " : " + parts[1].Trim();
        }
        var asPercent = a.Percent || b.Percent
            || (a.HasDecimals && b.HasDecimals && Math.Abs(a.Number) <= 1 && Math.Abs(b.Number) <= 1);
        return asPercent
            ? a.AsPercent() + " : " + b.AsPercent()
            : a.AsNumber() + " : " + b.AsNumber();
    }

    private sealed record Side(double Number, bool Percent, bool HasDecimals)
    {
        public static Side? Parse(string text)
        {
            var t = text.Trim();
            var percent = t.EndsWith('%');
            if (percent)
            {
                t = t[..^1].TrimEnd();
            }
            return double.TryParse(t, NumberStyles.Float | NumberStyles.AllowThousands, Culture, out var number) && double.IsFinite(number)
                ? new Side(number, percent, t.Contains('.', StringComparison.Ordinal))
                : null;
        }

        public string AsPercent() => (Percent ? Number : Number * 100).ToString("0.0", Culture) + "%";

        public string AsNumber() =>
            Math.Abs(Number) >= 100 ? Number.ToString("#,##0", Culture) : Number.ToString("#,##0.##", Culture);
    }
}

/// <summary>Urban's quality flag in words: a short name, a plain-language explanation and a CSS class.</summary>
public sealed record QualityLabel(DataQuality Quality, string Name, string Explanation, string CssClass)
{
    public static readonly QualityLabel Strong = new(
        DataQuality.Strong, "Strong", "Reliable: precise enough to use for decisions.", "quality-strong");

    public static readonly QualityLabel Marginal = new(
        DataQuality.Marginal, "Marginal", "Use with care: less precise, so read it together with its confidence interval.", "quality-marginal");

    public static readonly QualityLabel Weak = new(
        DataQuality.Weak, "Weak", "Too uncertain to act on: the margin of error is so wide that the true value may be quite different.", "quality-weak");

    public static readonly QualityLabel Unknown = new(
        DataQuality.Unknown, "Unknown", "Not rated: the source published no quality flag for this value.", "quality-unknown");

    /// <summary>Strong, Marginal, Weak, Unknown: the order a legend lists them in.</summary>
    public static IReadOnlyList<QualityLabel> All { get; } = [Strong, Marginal, Weak, Unknown];

    /// <summary>Weak values are shown, but de-emphasised and not used for judgements.</summary>
    public bool TooUncertainToActOn => Quality == DataQuality.Weak;

    public static QualityLabel For(DataQuality quality) => quality switch
    {
        DataQuality.Strong => Strong,
        DataQuality.Marginal => Marginal,
        DataQuality.Weak => Weak,
        _ => Unknown,
    };
}
