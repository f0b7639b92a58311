using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Csv;

/// <summary>
/// How every CSV the dashboard serves is written: "\n" line ends, invariant numbers in round-trip form (they parse back
/// to exactly the stored doubles), text cells neutralised against spreadsheet formulas, and optional comment lines
/// (<c># …</c>) before the header, used to mark demo data. Streams: rows are written as they come, never held whole.
/// </summary>
public sealed class CsvTable : IAsyncDisposable
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The comment that opens a CSV holding any synthetic demo value (see docs/data-formats.md).</summary>
    public const string DemoComment = "# Demo data: synthetic values for trying the dashboard, not Urban Institute data. Do not use them for decisions.";

    private readonly TextWriter _output;
    private readonly CsvWriter _csv;
    private bool _started;

    public CsvTable(TextWriter output)
    {
        _output = output;
        // Neutralised per text cell below: CsvHelper's own option would also escape negative numbers.
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.None };
        _csv = new CsvWriter(output, config, leaveOpen: true);
    }

    /// <summary>A comment line before the header (each line is prefixed with <c># </c> unless it already starts with <c>#</c>).</summary>
    public async Task CommentAsync(string text)
    {
        if (_started)
        {
            throw new InvalidOperationException("Comments go before the header.");
        }
        foreach (var line in text.Split('\n'))
        {
            await _output.WriteAsync((line.StartsWith('#') ? line : "# " + line) + "\n");
        }
    }

    public async Task HeaderAsync(IEnumerable<string> names)
    {
        _started = true;
        foreach (var name in names)
        {
            _csv.WriteField(name);
        }
        await _csv.NextRecordAsync();
    }

    /// <summary>A text cell, neutralised (<see cref="Neutral"/>).</summary>
    public CsvTable Text(string? text)
    {
        _csv.WriteField(Neutral(text));
        return this;
    }

    /// <summary>A number in round-trip form; empty when missing.</summary>
    public CsvTable Number(double? value)
    {
        _csv.WriteField(NumberText(value));
        return this;
    }

    public CsvTable Integer(long? value)
    {
        _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    public CsvTable Quality(DataQuality? quality)
    {
        _csv.WriteField(quality is { } q ? QualityWord(q) : "");
        return this;
    }

    /// <summary>A cell written as given: only for texts the code makes (codes, units), never for data.</summary>
    public CsvTable Raw(string text)
    {
        _csv.WriteField(text);
        return this;
    }

    public Task EndRowAsync()
    {
        _started = true;
        return _csv.NextRecordAsync();
    }

    public Task FlushAsync() => _csv.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync();
        await _csv.DisposeAsync();
    }

    /// <summary>Round-trip form: parses back (invariant culture) to exactly the same double. Empty when missing.</summary>
    public static string NumberText(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string QualityWord(DataQuality quality) => quality switch
    {
        DataQuality.Strong => "Strong",
        DataQuality.Marginal => "Marginal",
        DataQuality.Weak => "Weak",
        _ => "",
    };

    /// <summary>The unit's name in CSV files, written once in <see cref="MetricFormatter.UnitName"/>.</summary>
    public static string UnitName(MetricUnit unit) => MetricFormatter.UnitName(unit);

    /// <summary>
    /// A text cell a spreadsheet could take for a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// tab or carriage return) is prefixed with <c>'</c> so it shows as text. Numeric columns never pass through here.
    /// </summary>
    public static string Neutral(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
