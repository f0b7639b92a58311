namespace UpwardMobility.Web.Import;

/// <summary>
/// Limits of the upload on <c>/import</c>, from the <c>Import</c> configuration section
/// (<c>Import:MaxUploadMegabytes</c>, default 100; <c>Import:MaxFilesPerSelection</c>, default 50).
/// </summary>
public sealed record ImportUploadOptions
{
    public const string Section = "Import";
    public const int DefaultMaxUploadMegabytes = 100;
    public const int DefaultMaxFilesPerSelection = 50;

    /// <summary>The largest file accepted, in megabytes (1 MB = 1,048,576 bytes).</summary>
    public int MaxUploadMegabytes { get; init; } = DefaultMaxUploadMegabytes;

    /// <summary>How many files one selection may hold.</summary>
    public int MaxFilesPerSelection { get; init; } = DefaultMaxFilesPerSelection;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>Content types browsers report for CSV files (Windows reports Excel's type for .csv).</summary>
    private static readonly HashSet<string> AcceptedContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "text/csv", "text/plain", "text/comma-separated-values", "text/x-csv", "application/csv", "application/x-csv",
        "application/vnd.ms-excel", "application/octet-stream",
    };

    public static ImportUploadOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new ImportUploadOptions
        {
            MaxUploadMegabytes = Positive(section["MaxUploadMegabytes"], DefaultMaxUploadMegabytes),
            MaxFilesPerSelection = Positive(section["MaxFilesPerSelection"], DefaultMaxFilesPerSelection),
        };
    }

    private static int Positive(string? text, int fallback) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>Null when the file may be uploaded; otherwise the reason, in words, naming the file.</summary>
    public string? Check(string fileName, string? contentType, long size)
    {
        var extension = Path.GetExtension(fileName);
        if (!extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".txt", StringComparison.OrdinalIgnoreCase))
        {
            var hint = extension.ToLowerInvariant() switch
            {
                ".xlsx" or ".xls" or ".ods" => " Save the sheet as CSV (comma-separated values) first.",
                ".zip" or ".gz" => " Unpack it and upload the CSV files inside.",
                _ => "",
            };
            return $"{fileName} was not uploaded: only CSV files (.csv) can be imported.{hint}";
        }
        if (!AcceptedContentTypes.Contains(contentType ?? ""))
        {
            return $"{fileName} was not uploaded: your browser reports it as {contentType}, not as a CSV text file.";
        }
        if (size > MaxUploadBytes)
        {
            return $"{fileName} was not uploaded: it is {ImportFormat.Megabytes(size)}, more than the limit of {ImportFormat.Count(MaxUploadMegabytes)} MB. " +
                "Split it into smaller files, or import it with the command line (import PATH).";
        }
        if (size == 0)
        {
            return $"{fileName} was not uploaded: it is empty.";
        }
        return null;
    }
}
