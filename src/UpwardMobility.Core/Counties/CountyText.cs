using System.Globalization;
using System.Text;

namespace UpwardMobility.Core.Counties;

/// <summary>
/// Text helpers for finding counties: accent and punctuation folding ("Doña Ana" and "dona ana" match,
/// as do "St. Mary's" and "st marys") and FIPS code normalisation.
/// </summary>
public static class CountyText
{
    /// <summary>
    /// Lower-cases, strips accents (ñ → n, í → i), drops apostrophes and turns any other run of
    /// non-alphanumeric characters into a single space. "Doña Ana County" → "dona ana county";
    /// "Prince George's" → "prince georges"; "Valdez–Cordova" → "valdez cordova".
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4')
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                pendingSpace = false;
                builder.Append(FoldLetter(char.ToLowerInvariant(c)));
            }
            else
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    // Letters that do not decompose into a base letter plus a mark.
    private static string FoldLetter(char c) => c switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'ø' => "o",
        'đ' => "d",
        'ł' => "l",
        'ı' => "i",
        _ => c.ToString(),
    };

    /// <summary>True when <paramref name="text"/> is only ASCII digits (and not empty).</summary>
    public static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>
    /// The 5-digit county FIPS code in <paramref name="text"/>, or null. Surrounding spaces are ignored and a
    /// 4-digit code that lost its leading zero (as in some CSV files: <c>6037</c>) is padded back to <c>06037</c>.
    /// </summary>
    public static string? NormalizeCountyFips(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (!IsDigits(trimmed))
        {
            return null;
        }
        return trimmed.Length switch
        {
            5 => trimmed,
            4 => "0" + trimmed,
            _ => null,
        };
    }
}
