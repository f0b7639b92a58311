using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>
/// One tidy value read from a file (one place, year, subgroup and metric), with the file line it came from; written
/// straight into <c>metric_values</c> or staged for the merge.
/// </summary>
public readonly record struct TidyValue(
    int Line,
    int GeographyId,
    int MetricId,
    short Year,
    string SubgroupType,
    string Subgroup,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText);
