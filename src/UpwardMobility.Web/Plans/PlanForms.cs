using System.ComponentModel.DataAnnotations;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Web.Plans;

/// <summary>The "Add a priority" form of <see cref="PlanEditPage"/>, bound with <c>[SupplyParameterFromForm]</c>.</summary>
public sealed class PriorityAddForm
{
    [Required(ErrorMessage = "Choose a predictor.")]
    public string? Predictor { get; set; }

    [StringLength(1000, ErrorMessage = "Keep the rationale under 1,000 characters.")]
    public string? Rationale { get; set; }
}

/// <summary>The form of one existing priority: save its rationale, or remove it.</summary>
public sealed class PriorityItemForm
{
    public int Id { get; set; }
    public int Version { get; set; }

    [StringLength(1000, ErrorMessage = "Keep the rationale under 1,000 characters.")]
    public string? Rationale { get; set; }

    /// <summary>The button pressed: <c>save</c> or <c>remove</c>.</summary>
    public string? Action { get; set; }
}

/// <summary>The "Add a target" form.</summary>
public sealed class TargetAddForm
{
    /// <summary>The metric of a value target (a gap target's comes with its <see cref="Gap"/>).</summary>
    public string? Metric { get; set; }

    /// <summary><c>value</c> or <c>gap</c>.</summary>
    public string Kind { get; set; } = "value";

    /// <summary>A <see cref="SubgroupChoice.Value"/>.</summary>
    public string? Group { get; set; }

    /// <summary>A <see cref="GapChoice.Value"/>: the metric and the two groups of a gap target.</summary>
    public string? Gap { get; set; }

    [Range(1900, 2100, ErrorMessage = "The baseline year is a year such as 2021.")]
    public short? BaselineYear { get; set; }

    [TargetValue]
    public string? TargetValue { get; set; }

    [Range(1900, 2100, ErrorMessage = "The target year is a year such as 2030.")]
    public short? TargetYear { get; set; }

    [StringLength(200, ErrorMessage = "Keep the owner under 200 characters.")]
    public string? Owner { get; set; }

    [StringLength(2000, ErrorMessage = "Keep the strategy note under 2,000 characters.")]
    public string? Strategy { get; set; }

    public bool Confirm { get; set; }
}

/// <summary>The form of one existing target: save its value, year, owner and strategy, or remove it.</summary>
public sealed class TargetItemForm
{
    public int Id { get; set; }
    public int Version { get; set; }

    [TargetValue]
    public string? TargetValue { get; set; }

    [Range(1900, 2100, ErrorMessage = "The target year is a year such as 2030.")]
    public short? TargetYear { get; set; }

    [StringLength(200, ErrorMessage = "Keep the owner under 200 characters.")]
    public string? Owner { get; set; }

    [StringLength(2000, ErrorMessage = "Keep the strategy note under 2,000 characters.")]
    public string? Strategy { get; set; }

    public bool Confirm { get; set; }

    public string? Action { get; set; }
}

/// <summary>A target value the planner typed must read as a number (<see cref="TargetValueText"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TargetValueAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && !TargetValueText.TryParse(text, out _)
            ? new ValidationResult(TargetValueText.NotANumber(text), validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
