using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Nation;

/// <summary>
/// The app on Kestrel over PostgreSQL with two real Urban files imported (employment: higher is better, with
/// Connecticut's planning regions in 2023; low birth weight: lower is better, 3,135 counties in 2023), plus a small
/// constructed file for 2001 whose intervals are chosen to overlap or not. Shared by the cross-county tests.
/// </summary>
public sealed class NationWebApp() : TestHost(new() { Provider = DatabaseProvider.Postgres, Kestrel = true, Files = [EmploymentFile, BirthWeightFile, PopulationFile] })
{
    public const string EmploymentFile = "components/metrics_employment_county_all_longitudinal.csv";
    public const string PopulationFile = "components/county-populations.csv";
    public const string BirthWeightFile = "components/rate_low_birth_weight_metric_all_county.csv";

    /// <summary>Constructed: 01003's interval overlaps 01001's, 01005's does not.</summary>
    public const short ConstructedYear = 2001;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var folder = new TempFolder();
        var constructed = Path.Combine(folder.Path, "constructed-intervals.csv");
        await File.WriteAllTextAsync(constructed,
            "year,state,county,share_employed,share_employed_lb,share_employed_ub,share_employed_quality\n" +
            "2001,01,001,0.50,0.45,0.55,1\n" +
            "2001,01,003,0.53,0.49,0.57,1\n" +
            "2001,01,005,0.70,0.65,0.75,1\n");
        await ImportCleanlyAsync(constructed, new ImportOptions { UserName = "constructed" });
    }
}
