namespace UpwardMobility.Core.Plans;

/// <summary>A priority as a planner enters it.</summary>
public sealed class PriorityInput
{
    public string? PredictorKey { get; set; }
    public string? Rationale { get; set; }

    /// <summary>The version the planner edited (for updates): a stale one is refused.</summary>
    public int Version { get; set; }
}

/// <summary>
/// A target as a planner enters it. Values are in the metric's stored unit (shares as 0..1: the page converts the
/// percent people type, see <see cref="PlanWords.FromInput"/>). Subgroup type <c>all</c> is the whole county.
/// </summary>
public sealed class TargetInput
{
    public string? MetricKey { get; set; }
    public PlanTargetKind Kind { get; set; } = PlanTargetKind.Value;
    public string? SubgroupType { get; set; }
    public string? Subgroup { get; set; }

    /// <summary>Gaps: the group the first is compared with, of the same type.</summary>
    public string? SecondSubgroupType { get; set; }
    public string? SecondSubgroup { get; set; }

    /// <summary>Null: the latest year with data.</summary>
    public short? BaselineYear { get; set; }
    public double? TargetValue { get; set; }
    public short? TargetYear { get; set; }
    public string? Owner { get; set; }
    public string? Strategy { get; set; }

    /// <summary>The planner confirmed a target that does not improve on the baseline.</summary>
    public bool ConfirmDirection { get; set; }

    public int Version { get; set; }
}

/// <summary>The outcome of a plan change: what was done, or why not; or a question the planner must confirm.</summary>
public sealed record PlanResult(bool Ok, string Message, bool NeedsConfirmation = false, int? Id = null)
{
    public static PlanResult Done(string message, int? id = null) => new(true, message, Id: id);

    public static PlanResult Refused(string message) => new(false, message);

    public static PlanResult Confirm(string message) => new(false, message, NeedsConfirmation: true);
}
