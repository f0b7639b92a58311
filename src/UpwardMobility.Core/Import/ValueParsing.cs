using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>Cell-level parsing of Urban's files, with every quirk seen in the real releases.</summary>
public static partial class ValueParsing
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return t.IsEmpty
            || t.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || t.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || t.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || t.Equals("NULL", StringComparison.OrdinalIgnoreCase)
            || t.Equals(".", StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        var t = text.Trim();
        var percent = false;
        if (t.EndsWith("%"))
        {
            percent = true;
            t = t[..^1].TrimEnd();
        }
        // Thousands separators only in their proper places: "2,235" yes, "1,5" (a decimal comma) no.
        var styles = t.Contains(',') && GroupedThousands().IsMatch(t) ? NumberStyles.Float | NumberStyles.AllowThousands : NumberStyles.Float;
        if (double.TryParse(t, styles, CultureInfo.InvariantCulture, out value))
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
            if (percent)
            {
                value /= 100;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// A plain number, or a ratio written <c>a:b</c> (<c>0.190:0.272</c>, <c>20.8%:27.5%</c>, <c>2235:1</c>).
    /// For a ratio the value is a/b and <paramref name="ratioText"/> keeps the text; <c>0.004:0.000</c> has no ratio,
    /// so the value is null but the text is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseValue(string text, out double? value, out string? ratioText)
    {
        ratioText = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            var ok = TryParseNumber(text, out var number);
            value = ok ? number : null;
            return ok;
        }
        value = null;
        var span = text.AsSpan();
        if (span[(colon + 1)..].Contains(':') || !TryParseNumber(span[..colon], out var a) || !TryParseNumber(span[(colon + 1)..], out var b))
        {
            return false;
        }
        ratioText = text.Trim();
        if (b != 0)
        {
            value = a / b;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseQuality(ReadOnlySpan<char> text, out DataQuality quality)
    {
        var t = text.Trim();
        quality = DataQuality.Unknown;
        if (IsMissing(t))
        {
            return true;
        }
        if (t.Equals("1", StringComparison.Ordinal) || t.Equals("1.0", StringComparison.Ordinal) || t.Equals("Strong", StringComparison.OrdinalIgnoreCase))
        {
            quality = DataQuality.Strong;
            return true;
        }
        if (t.Equals("2", StringComparison.Ordinal) || t.Equals("2.0", StringComparison.Ordinal) || t.Equals("Marginal", StringComparison.OrdinalIgnoreCase))
        {
            quality = DataQuality.Marginal;
            return true;
        }
        if (t.Equals("3", StringComparison.Ordinal) || t.Equals("3.0", StringComparison.Ordinal) || t.Equals("Weak", StringComparison.OrdinalIgnoreCase))
        {
            quality = DataQuality.Weak;
            return true;
        }
        return false;
    }

    /// <summary>Pads a FIPS part that lost its leading zeros (<c>1</c> → <c>01</c>); null when it is not digits or too long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? NormalizeFipsPart(ReadOnlySpan<char> text, int width)
    {
        var t = text.Trim();
        if (t.IsEmpty || t.Length > width)
        {
            return null;
        }
        foreach (var c in t)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }
        return t.Length == width ? t.ToString() : t.ToString().PadLeft(width, '0');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseYear(ReadOnlySpan<char> text, out short year)
    {
        year = 0;
        var t = text.Trim();
        if (t.EndsWith(".0", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        if (short.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
        {
            year = y;
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex GroupedThousands();
}
