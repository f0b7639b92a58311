namespace UpwardMobility.Core.Import;

/// <summary>A metric found in the file's header, with the columns holding its value, bounds and quality flag.</summary>
public sealed record MappedMetric(string Metric, string ValueColumn, string? LowerColumn, string? UpperColumn, string? QualityColumn);
