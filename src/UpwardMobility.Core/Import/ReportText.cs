using System.Globalization;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Text from the file as a report keeps it: a cell or column name can be megabytes long, and the report is stored
/// with the import and shown on its history page, so only its start is kept, with its full length.
/// </summary>
public static class ReportText
{
    public const int MaxCharacters = 300;

    public static string Clip(string text) => text.Length <= MaxCharacters
        ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, MaxCharacters)}… ({text.Length:N0} characters)");

    public static string? ClipOrNull(string? text) => text is null ? null : Clip(text);
}
