namespace UpwardMobility.Core.Audit;

/// <summary>One admin, import or plan action: who did what, when, and the state before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserName { get; set; }

    /// <summary>What happened, e.g. <c>import.commit</c>, <c>county.rename</c>, <c>metric.edit</c>, <c>plan.target.add</c>.</summary>
    public required string Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";

    /// <summary>JSON of the entity before the change, when there was one.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the entity after the change, when there is one.</summary>
    public string? After { get; set; }
    public string? Details { get; set; }
}
