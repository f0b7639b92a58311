using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Step 1 of an import: fingerprint the file, read its header, map its columns to the catalog's metrics, and settle
/// the year. A file refused here (empty, not text, no geography or metric columns, no year) opens no transaction.
/// </summary>
public static class HeaderReader
{
    /// <summary>Columns a file may have: every row is split into this many fields, and the report lists the unknown ones.</summary>
    public const int MaxColumns = 1_000;

    public static async Task<FileHeader> ReadAsync(string path, ImportOptions options, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        var fingerprint = await FileFingerprint.ComputeAsync(path, ct);
        FileHeader Refused(string error, ColumnMap? map = null, IReadOnlyList<string>? warnings = null) =>
            new(fingerprint, map, null, warnings ?? [], error);
        if (fingerprint.Length == 0)
        {
            return Refused("The file is empty.");
        }
        if (fingerprint.ContainsNul)
        {
            return Refused("The file holds NUL bytes, so it is not a plain-text CSV file: it may be UTF-16 without a byte-order mark, or a spreadsheet or archive renamed to .csv. Save it as CSV UTF-8 (or UTF-16 with a byte-order mark).");
        }
        if (fingerprint.EncodingProblem is { } encoding)
        {
            return Refused(encoding);
        }
        if (ReadFirstRecord(path, fingerprint.Encoding) is not { } headers)
        {
            return Refused("The file has no header row.");
        }
        if (headers.Length > MaxColumns)
        {
            return Refused($"The file has {headers.Length:N0} columns; an import reads at most {MaxColumns:N0} (Urban's widest file has under 100). Remove the columns the catalog does not know, or split the file.");
        }

        CatalogIndex catalog;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            catalog = await CatalogIndex.LoadAsync(db, ct);
        }
        var map = ColumnMap.Build(headers, catalog);
        var warnings = map.SupersededQualityColumns
            .Select(column => $"Column '{ReportText.Clip(column)}' was not used: each metric it flags has a quality column of its own in this file.")
            .ToList();
        if (map.FatalError is not null)
        {
            return Refused(map.FatalError, map, warnings);
        }
        if (map.Year < 0 && options.Year is null)
        {
            return Refused("The file has no 'year' column, so the year of its values is unknown (Urban's 'recent' file is like this). Give the year explicitly (--year N on the command line, or the Year box on the import page).", map, warnings);
        }
        if (map.Year >= 0 && options.Year is { } given)
        {
            warnings.Add($"The file has a 'year' column; the year you gave ({given}) was not used.");
        }
        if (options.Year is { } year && (year < 1900 || year > 2100))
        {
            return Refused($"The year {year} is not a plausible data year.", map, warnings);
        }
        return new FileHeader(fingerprint, map, map.Year < 0 ? options.Year : null, warnings, null);
    }

    /// <summary>The first record that is not a blank line.</summary>
    private static string[]? ReadFirstRecord(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        while (parser.Read())
        {
            var record = parser.Record;
            if (record is { Length: > 0 } && !(record.Length == 1 && string.IsNullOrWhiteSpace(record[0])))
            {
                return record;
            }
        }
        return null;
    }
}
