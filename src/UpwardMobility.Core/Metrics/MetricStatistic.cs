namespace UpwardMobility.Core.Metrics;

/// <summary>
/// The distribution of one metric across counties for one year and subgroup, nationally (<see cref="Scope"/> =
/// <see cref="NationalScope"/>) or within a state (2-digit state FIPS). Computed after each import, not per page view.
/// </summary>
public class MetricStatistic
{
    public const string NationalScope = "US";

    public long Id { get; set; }
    public int MetricId { get; set; }
    public short Year { get; set; }
    public required string SubgroupType { get; set; }
    public required string Subgroup { get; set; }
    public required string Scope { get; set; }
    public int Count { get; set; }
    public double? Min { get; set; }
    public double? P25 { get; set; }
    public double? Median { get; set; }
    public double? P75 { get; set; }
    public double? Max { get; set; }
}
