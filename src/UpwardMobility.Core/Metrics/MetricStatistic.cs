namespace UpwardMobility.Core.Metrics;

/// <summary>
/// The distribution of one metric across counties for one year and subgroup, nationally (<see cref="Scope"/> =
/// <see cref="NationalScope"/>) or within a state (2-digit state FIPS). Read from <see cref="CountyDistributions"/>.
/// </summary>
public sealed record MetricStatistic(
    int MetricId,
    short Year,
    string SubgroupType,
    string Subgroup,
    string Scope,
    int Count,
    double Min,
    double P25,
    double Median,
    double P75,
    double Max)
{
    public const string NationalScope = "US";
}
