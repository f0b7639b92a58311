namespace UpwardMobility.Core.Import;

/// <summary>
/// What the first step found out about a file before any row is read: its fingerprint, what each column holds, the
/// year of its values when it has no <c>year</c> column, notes for the report, and the reason it cannot be imported
/// at all (<see cref="FatalError"/>; the other fields hold what was found until then).
/// </summary>
public sealed record FileHeader(FileFingerprint Fingerprint, ColumnMap? Map, short? YearOverride, IReadOnlyList<string> Warnings, string? FatalError)
{
    public IReadOnlyList<MappedMetric> MappedMetrics => Map is null ? [] : Map.Metrics.Select(m => new MappedMetric(m.Metric.Key, m.ValueName,
        m.Lower >= 0 ? Map.Headers[m.Lower] : null, m.Upper >= 0 ? Map.Headers[m.Upper] : null, m.Quality >= 0 ? Map.Headers[m.Quality] : null)).ToList();
}
