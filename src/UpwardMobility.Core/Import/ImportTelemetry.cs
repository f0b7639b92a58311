using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>
/// What an operator watches of the imports: a span per file (<see cref="Source"/>) and, on the meter
/// <see cref="MeterName"/>, files by outcome, rows read, rows rejected (by reason) and the duration of each file.
/// Plain <c>System.Diagnostics</c>: Core knows nothing of OpenTelemetry; the web app's telemetry listens to these names.
/// </summary>
public static class ImportTelemetry
{
    public const string MeterName = "UpwardMobility.Import";
    public const string SourceName = "UpwardMobility.Import";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Files = Meter.CreateCounter<long>(
        "upward_mobility.import.files", "{file}", "Files imported, refused or validated (dry run), by outcome.");

    private static readonly Counter<long> Rows = Meter.CreateCounter<long>(
        "upward_mobility.import.rows", "{row}", "Data rows read from import files, by outcome.");

    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>(
        "upward_mobility.import.rejections", "{row}", "Rows rejected by the import's validation, by reason.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "upward_mobility.import.duration", "s", "Time to validate and write one file.");

    /// <summary>Records one file's report (every outcome: a refused file is an event an operator wants to see).</summary>
    public static void Record(ImportReport report)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", report.Outcome.ToString().ToLowerInvariant());
        Files.Add(1, outcome);
        Rows.Add(report.RowsRead, outcome);
        foreach (var (reason, count) in report.RejectionCounts)
        {
            Rejections.Add(count, new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
        Duration.Record(report.DurationMs / 1000.0, outcome);
    }
}
