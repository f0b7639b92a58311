using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>A published value with its 95% interval (either bound may be missing) and Urban's quality flag.</summary>
public sealed record Estimate(double Value, double? Lower, double? Upper, DataQuality Quality = DataQuality.Unknown)
{
    /// <summary>Both bounds are published and finite: only then may an interval comparison be claimed.</summary>
    public bool HasInterval => Lower is { } lo && Upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi);

    public bool IsWeak => Quality == DataQuality.Weak;

    /// <summary>An estimate from a nullable value, or null when there is no finite value.</summary>
    public static Estimate? From(double? value, double? lower, double? upper, DataQuality quality) =>
        value is { } v && double.IsFinite(v) ? new Estimate(v, lower, upper, quality) : null;
}
