using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Import;

/// <summary>One tidy value on its way into <c>metric_values</c>, with the file line it came from.</summary>
public readonly record struct StagedValue(
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

/// <summary>What merging a staged file into the values table did (or, in a dry run, would do).</summary>
public readonly record struct MergeCounts(int Inserted, int Replaced, int Unchanged);
