using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Streams one of Urban's Mobility Metrics CSV files (combined, per-metric, subgroup or city files) into tidy
/// values, validating as it goes. A row with any problem is rejected whole and reported with its line, column and
/// reason; the report keeps counters and the first examples of each reason, never a list of every row.
/// The per-row and per-cell methods here and in <see cref="ValueParsing"/> are compiled fully optimized at once
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): an import calls them a million times within seconds of
/// start-up, mostly before tiered compilation would have caught up (reading every real file: 5.0 s → 3.3 s).
/// </summary>
public sealed class UrbanCsvReader(string path, FileHeader header, GeographyResolver geographies, ImportOptions options)
{
    /// <summary>Longest texts the database keeps (see <c>AppDbContext</c>): longer ones are rejected, not cut or failed on.</summary>
    public const int MaxValueText = 100;

    /// <summary>
    /// Distinct subgroups (type and label) one metric may have in one file. Urban's files have at most a few dozen;
    /// each becomes a row of the metric page's groups table, so a file with thousands is refused, not drawn.
    /// </summary>
    public const int MaxSubgroupsPerMetric = 200;

    /// <summary>
    /// Groups of one subgroup type a page draws for one metric, place and year. Several files (or data imported before
    /// <see cref="MaxSubgroupsPerMetric"/>) can still give a metric thousands; the page then shows the first ones and
    /// says how many more there are, and the CSV download keeps them all.
    /// </summary>
    public const int MaxSubgroupsShownPerType = 60;

    private readonly ColumnMap map = header.Map ?? throw new ArgumentException("The header was refused.", nameof(header));
    private readonly List<RowProblem> rowProblems = [];
    private readonly List<PopulationRow> populations = [];
    private readonly RejectionTally rejections = new(options.ExamplesPerReason);
    private readonly Dictionary<int, HashSet<(string, string)>> subgroupsByMetric = [];
    private int rowsRead, valuesRead, missingCells, subgroupRows;
    private bool finished;
    private string? fatalError;

    /// <summary>What <see cref="ReadValues"/> found, once it has read the whole file.</summary>
    public ReadResult Result => finished
        ? new ReadResult(rowsRead, valuesRead, missingCells, rejections, populations, subgroupRows) { FatalError = fatalError }
        : throw new InvalidOperationException("The file has not been read to its end.");

    /// <summary>
    /// The file's valid values, in file order, validated as they are read; rejected rows are counted, with the first
    /// examples of each reason (line numbers of rejected rows are not kept: memory stays flat).
    /// </summary>
    public IEnumerable<TidyValue> ReadValues(IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StreamReader(path, header.Fingerprint.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var parser = new CsvParser(reader, config);
        parser.Read(); // header, already mapped by the caller
        var previousRawRow = parser.RawRow;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var buffer = new List<TidyValue>(map.Metrics.Count);
        while (parser.Read())
        {
            // RawRow is the record's last physical line. Counting from the previous record instead would put a
            // record that follows blank lines (skipped by the parser) on the first of those blank lines.
            var line = (int)parser.RawRow;
            if (parser.RawRow - previousRawRow > 1)
            {
                line -= LineBreaksInsideFields(parser); // rare: blank lines before it, or a quoted field spanning lines
            }
            previousRawRow = parser.RawRow;
            if (parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]))
            {
                continue; // blank line
            }
            rowsRead++;
            if ((rowsRead & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(rowsRead, rowsRead / Math.Max(started.Elapsed.TotalSeconds, 0.001)));
            }
            buffer.Clear();
            if (ReadRow(parser, line, buffer))
            {
                if (buffer.Count > 0 && buffer[0].SubgroupType != Subgroups.AllType && TooManySubgroups(buffer, line) is { } tooMany)
                {
                    fatalError = tooMany;
                    break; // the caller fails the import: nothing is written
                }
                valuesRead += buffer.Count;
                foreach (var value in buffer)
                {
                    yield return value;
                }
            }
            else
            {
                rejections.RejectRow(rowProblems);
                rowProblems.Clear();
            }
        }
        finished = true;
        progress?.Report(new ImportProgress(rowsRead, rowsRead / Math.Max(started.Elapsed.TotalSeconds, 0.001)));
    }

    private string? TooManySubgroups(List<TidyValue> row, int line)
    {
        foreach (var value in row)
        {
            if (!subgroupsByMetric.TryGetValue(value.MetricId, out var seen))
            {
                subgroupsByMetric[value.MetricId] = seen = [];
            }
            if (seen.Add((value.SubgroupType, value.Subgroup)) && seen.Count > MaxSubgroupsPerMetric)
            {
                var metric = map.Metrics.First(m => m.Metric.Id == value.MetricId).ValueName;
                return $"Line {line:N0}: '{ReportText.Clip(metric)}' has more than {MaxSubgroupsPerMetric:N0} different subgroups in this file (the latest is " +
                    $"'{ReportText.Clip(value.Subgroup)}'); Urban's files have a few dozen at most. Check the subgroup and subgroup_type columns: nothing was imported.";
            }
        }
        return null;
    }

    private static int LineBreaksInsideFields(CsvParser parser)
    {
        var breaks = 0;
        for (var i = 0; i < parser.Count; i++)
        {
            var field = parser[i];
            for (var j = 0; j < field.Length; j++)
            {
                if (field[j] == '\n' || (field[j] == '\r' && (j + 1 == field.Length || field[j + 1] != '\n')))
                {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRow(CsvParser parser, int line, List<TidyValue> values)
    {
        if (parser.Count != map.Headers.Length)
        {
            var detail = $"expected {map.Headers.Length} fields, found {parser.Count}";
            if (LineBreaksInsideFields(parser) > 0)
            {
                // A field that ends with the file's last line break was still in quotes at the end of the file.
                detail += parser[parser.Count - 1] is [.., '\n' or '\r']
                    ? "; a quote opened on this line is never closed, so the rest of the file was read as one field"
                    : $"; a quoted field runs on to line {parser.RawRow}: is a closing quote missing?";
            }
            return Problem(line, "(row)", null, RejectionReason.FieldCount, detail);
        }
        short year;
        if (map.Year >= 0)
        {
            if (!ValueParsing.TryParseYear(parser[map.Year], out year))
            {
                return Problem(line, map.Headers[map.Year], parser[map.Year], RejectionReason.Year);
            }
        }
        else
        {
            year = header.YearOverride!.Value;
        }

        var stateFips = ValueParsing.NormalizeFipsPart(parser[map.State], 2);
        var areaWidth = map.Kind == GeographyKind.City ? 5 : 3;
        var areaFips = ValueParsing.NormalizeFipsPart(parser[map.Area], areaWidth);
        if (stateFips is null || UsStates.Find(stateFips) is null)
        {
            return Problem(line, map.Headers[map.State], parser[map.State], RejectionReason.Fips, "not a US state code");
        }
        if (areaFips is null || (map.Kind == GeographyKind.County && areaFips == "000"))
        {
            return Problem(line, map.Headers[map.Area], parser[map.Area], RejectionReason.Fips,
                map.Kind == GeographyKind.County ? "county code must be 1 to 3 digits, not 000" : "place code must be 1 to 5 digits");
        }

        string subgroupType = Subgroups.AllType, subgroup = Subgroups.All;
        if (map.Subgroup >= 0)
        {
            var label = parser[map.Subgroup].Trim();
            var type = map.SubgroupType >= 0 ? parser[map.SubgroupType].Trim() : "";
            if (!Subgroups.IsAll(label))
            {
                if (type.Length == 0 || type.Length > 100 || label.Length > 200)
                {
                    return Problem(line, map.Headers[map.Subgroup], label, RejectionReason.Subgroup,
                        type.Length == 0 ? "a subgroup needs its subgroup_type" : "subgroup type or label is too long");
                }
                subgroupType = SubgroupTypes.Normalize(type, label);
                subgroup = label;
                subgroupRows++;
            }
        }

        // Names in the file are never read: the Census lists name the places, and an import never creates one.
        if (!geographies.TryResolve(map.Kind, stateFips + areaFips, out var geographyId))
        {
            return Problem(line, map.Headers[map.Area], parser[map.Area], RejectionReason.UnknownPlace,
                map.Kind == GeographyKind.City
                    ? $"{stateFips + areaFips} is not among the cities this dashboard lists (data/geo/cities.csv); an import never creates a city"
                    : $"{stateFips + areaFips} is not among the counties this dashboard lists (the Census list, data/geo/counties.csv); an import never creates a county");
        }

        var ok = true;
        foreach (var m in map.Metrics)
        {
            ok &= ReadMetric(parser, line, m, geographyId, year, subgroupType, subgroup, values);
        }
        if (map.Population >= 0 && !ValueParsing.IsMissing(parser[map.Population]))
        {
            var text = parser[map.Population];
            if (ValueParsing.TryParseNumber(text, out var population) && population >= 0 && population == Math.Floor(population))
            {
                if (ok && subgroupType == Subgroups.AllType)
                {
                    populations.Add(new PopulationRow(geographyId, year, (long)population, line));
                }
            }
            else
            {
                ok = Problem(line, map.Headers[map.Population], text, RejectionReason.Population, "a population is a whole number of people");
            }
        }
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadMetric(CsvParser parser, int line, ColumnMap.MetricColumns m, int geographyId, short year, string subgroupType, string subgroup, List<TidyValue> values)
    {
        var valueText = parser[m.Value];
        var lowerText = m.Lower >= 0 ? parser[m.Lower] : "";
        var upperText = m.Upper >= 0 ? parser[m.Upper] : "";
        var qualityText = m.Quality >= 0 ? parser[m.Quality] : "";
        if (!ValueParsing.TryParseQuality(qualityText, out var quality))
        {
            return Problem(line, map.Headers[m.Quality], qualityText, RejectionReason.Quality, "use 1/2/3 or Strong/Marginal/Weak");
        }
        var valueMissing = ValueParsing.IsMissing(valueText);
        if (valueMissing && ValueParsing.IsMissing(lowerText) && ValueParsing.IsMissing(upperText))
        {
            missingCells++;
            return true;
        }
        double? value = null;
        string? ratioText = null;
        if (!valueMissing && !ValueParsing.TryParseValue(valueText, out value, out ratioText))
        {
            return Problem(line, m.ValueName, valueText, RejectionReason.NotNumber);
        }
        if (ratioText is { Length: > MaxValueText })
        {
            return Problem(line, m.ValueName, valueText, RejectionReason.NotNumber, $"a ratio is at most {MaxValueText} characters");
        }
        if (!TryBound(lowerText, line, m.Lower, out var lower) || !TryBound(upperText, line, m.Upper, out var upper))
        {
            return false;
        }
        var metric = m.Metric;
        if (!InRange(value, metric) || !InRange(lower, metric) || !InRange(upper, metric))
        {
            var (column, text) = !InRange(value, metric) ? (m.ValueName, valueText) : !InRange(lower, metric) ? (map.Headers[m.Lower], lowerText) : (map.Headers[m.Upper], upperText);
            return Problem(line, column, text, RejectionReason.OutOfRange, RangeText(metric));
        }
        if (value is { } v && ((lower is { } lo && lo > v + Tolerance(v)) || (upper is { } up && up < v - Tolerance(v))))
        {
            var lowerWrong = lower is { } l && l > v + Tolerance(v);
            return Problem(line, lowerWrong ? map.Headers[m.Lower] : map.Headers[m.Upper], lowerWrong ? lowerText : upperText, RejectionReason.BoundSide,
                lowerWrong ? "the lower bound is above the value" : "the upper bound is below the value");
        }
        if (lower is { } a && upper is { } b && a > b + Tolerance(b))
        {
            return Problem(line, map.Headers[m.Lower], lowerText, RejectionReason.BoundSide, "the lower bound is above the upper bound");
        }
        values.Add(new TidyValue(line, geographyId, metric.Id, year, subgroupType, subgroup, value, lower, upper, quality, ratioText));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryBound(string text, int line, int column, out double? bound)
    {
        bound = null;
        if (column < 0 || ValueParsing.IsMissing(text))
        {
            return true;
        }
        if (ValueParsing.TryParseValue(text, out bound, out _))
        {
            return true;
        }
        return Problem(line, map.Headers[column], text, RejectionReason.NotNumber);
    }

    private static double Tolerance(double value) => 1e-9 * Math.Max(1, Math.Abs(value));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool InRange(double? value, CatalogIndex.MetricInfo metric) =>
        value is not { } v || ((metric.ValidMin is not { } min || v >= min - Tolerance(min)) && (metric.ValidMax is not { } max || v <= max + Tolerance(max)));

    private static string RangeText(CatalogIndex.MetricInfo metric) => (metric.ValidMin, metric.ValidMax) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"{metric.Key} must be between {min} and {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"{metric.Key} must be at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"{metric.Key} must be at most {max}"),
        _ => "",
    };

    /// <summary>Notes a problem of the current row; the row is rejected once all its cells were checked.</summary>
    private bool Problem(int line, string column, string? text, RejectionReason reason, string? detail = null)
    {
        rowProblems.Add(new RowProblem(line, column, text, reason, detail));
        return false;
    }
}
