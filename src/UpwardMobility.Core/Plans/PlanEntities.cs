using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

/// <summary>A predictor a county chose to focus its mobility action plan on, with the reason why.</summary>
public class PlanPriority
{
    public int Id { get; set; }
    public int GeographyId { get; set; }
    public int PredictorId { get; set; }
    public required string Rationale { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: raised on every change, so two editors cannot silently overwrite each other.</summary>
    public int Version { get; set; }
}

/// <summary>What a target is set on: one value, or the gap between two subgroups.</summary>
public enum PlanTargetKind
{
    /// <summary>A metric's value for the whole county or one subgroup.</summary>
    Value = 1,

    /// <summary>value(subgroup) − value(second subgroup), for equity targets ("halve the gap").</summary>
    Gap = 2,
}

/// <summary>
/// A target on a metric for a county, optionally for a subgroup, or on the gap between two subgroups. The baseline is
/// captured from the data when the target is created (year, value, interval, quality) and never changes afterwards,
/// so progress is always measured from what the planners saw.
/// </summary>
public class PlanTarget
{
    public int Id { get; set; }
    public int GeographyId { get; set; }
    public int MetricId { get; set; }
    public PlanTargetKind Kind { get; set; }

    /// <summary><see cref="Subgroups.AllType"/> for the whole county; for gaps, the type both subgroups share.</summary>
    public required string SubgroupType { get; set; }
    public required string Subgroup { get; set; }

    /// <summary>The subgroup the gap is measured against (gaps only).</summary>
    public string? SecondSubgroup { get; set; }

    public short BaselineYear { get; set; }
    public double BaselineValue { get; set; }
    public double? BaselineLowerBound { get; set; }
    public double? BaselineUpperBound { get; set; }
    public DataQuality BaselineQuality { get; set; }

    public double TargetValue { get; set; }
    public short TargetYear { get; set; }
    public string? Owner { get; set; }
    public string? Strategy { get; set; }

    /// <summary>The planner confirmed a target that does not improve on the baseline (a "hold the line" target).</summary>
    public bool DirectionConfirmed { get; set; }

    public string? CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency, as <see cref="PlanPriority.Version"/>.</summary>
    public int Version { get; set; }
}
