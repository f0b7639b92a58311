using System.Text.Json.Serialization;

namespace UpwardMobility.Core.Import;

/// <summary>One problem of a rejected row: where it is, the cell's text (clipped, see <see cref="ReportText"/>) and why.</summary>
public sealed record RowProblem(int Line, string Column, string? Text, RejectionReason Reason, string? Detail = null)
{
    /// <summary>The reason in words, with the detail: "outside the metric's valid range: share_employed must be between 0 and 1".</summary>
    [JsonIgnore]
    public string Message => Detail is null ? Reason.Text() : $"{Reason.Text()}: {Detail}";
}
