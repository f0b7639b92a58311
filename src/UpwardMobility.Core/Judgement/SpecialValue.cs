using System.Globalization;

namespace UpwardMobility.Core.Judgement;

/// <summary>
/// A value that states a fact rather than a point on the metric's scale, declared in the catalog
/// (<c>data/catalog/framework.json</c>, <c>specialValues</c>): Urban writes 0 residents per physician for a county with no
/// primary care physician. Such a value is shown in words and is never ranked, compared or called better or worse
/// (docs/methods.md, "Special values"); it is also left out of the counties other counties are ranked among.
/// </summary>
public sealed record SpecialValue(double Value, string Meaning)
{
    private const char Separator = '=';

    /// <summary>How the database keeps it: <c>0=no primary care physician</c>.</summary>
    public string Encode() => Value.ToString("R", CultureInfo.InvariantCulture) + Separator + Meaning;

    public static SpecialValue? Decode(string text)
    {
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && double.TryParse(text[..at], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new SpecialValue(value, text[(at + 1)..].Trim())
            : null;
    }

    public static IReadOnlyList<SpecialValue> DecodeAll(IEnumerable<string>? texts) =>
        texts is null ? [] : texts.Select(Decode).Where(s => s is not null).Select(s => s!).ToList();

    /// <summary>The special value <paramref name="value"/> is, if any (exact match: Urban writes them exactly).</summary>
    public static SpecialValue? Find(IReadOnlyList<SpecialValue> specials, double? value) =>
        value is { } v ? specials.FirstOrDefault(s => s.Value == v) : null;
}
