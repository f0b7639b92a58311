using System.Globalization;

namespace UpwardMobility.Web.Import;

/// <summary>How the import pages write counts, sizes, times and hashes: US English digits, UTC ISO 8601 times.</summary>
public static class ImportFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("#,##0", Culture);

    public static string Megabytes(long bytes) => bytes < 1024 * 1024 / 10
        ? (bytes / 1024.0).ToString("#,##0.#", Culture) + " KB"
        : (bytes / (1024.0 * 1024.0)).ToString("#,##0.#", Culture) + " MB";

    public static string Duration(long milliseconds) => milliseconds switch
    {
        < 1000 => milliseconds.ToString(Culture) + " ms",
        < 60_000 => (milliseconds / 1000.0).ToString("0.0", Culture) + " s",
        _ => $"{milliseconds / 60_000} min {milliseconds % 60_000 / 1000} s",
    };

    /// <summary>2026-11-29T18:03:53Z</summary>
    public static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Culture);

    public static string ShortSha(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;

    public static string RowsPerSecond(double rate) => rate.ToString("#,##0", Culture);
}
