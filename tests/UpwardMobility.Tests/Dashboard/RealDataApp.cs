using System.Globalization;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Dashboard;

/// <summary>
/// The app on Kestrel over SQLite with real Urban files imported once for a test class: Urban's combined county
/// file by gender (share_employed, share_hs_degree, rate_juv_arrest for 2018, 2021 and 2022, whole population and by
/// gender) and the county populations. No real file breaks one metric down by two kinds of group, so a small file
/// adds Los Angeles County's share employed by race/ethnicity for 2021 to test the choice of group type.
/// </summary>
public sealed class RealDataApp() : TestHost(new() { Kestrel = true })
{
    public const string CombinedFile = "released/16_mobility-metrics_county_gender_longitudinal.csv";
    public const string PopulationFile = "components/county-populations.csv";

    /// <summary>Los Angeles County's share employed by race/ethnicity in 2021 (value, lower, upper) as the added file writes it.</summary>
    public static readonly IReadOnlyList<(string Group, double Value, double Lower, double Upper)> RaceRows =
    [
        ("Black, Non-Hispanic", 0.61, 0.58, 0.64),
        ("Hispanic", 0.69, 0.67, 0.71),
        ("White, Non-Hispanic", 0.72, 0.7, 0.74),
    ];

    private readonly TempFolder _temp = new();

    /// <summary>Every value of the combined file, as an independent reader reads it.</summary>
    public Dictionary<ValueKey, SourceValue> Source { get; private set; } = [];

    /// <summary>The latest population of every county in the population file (FIPS → people), and its year.</summary>
    public Dictionary<string, long> Populations { get; } = new(StringComparer.Ordinal);

    public short PopulationYear { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // migrates, loads the catalog and the county list
        var race = _temp.Write("employment-race-ethnicity-06037.csv",
            new[] { "year,state,county,subgroup_type,subgroup,share_employed,share_employed_lb,share_employed_ub,share_employed_quality" }
                .Concat(RaceRows.Select(r => FormattableString.Invariant($"2021,06,037,race-ethnicity,\"{r.Group}\",{r.Value},{r.Lower},{r.Upper},1"))));
        foreach (var path in new[] { UrbanSource.PathOf(PopulationFile), UrbanSource.PathOf(CombinedFile), race })
        {
            await ImportCleanlyAsync(path, new ImportOptions { UserName = "fixture" });
        }
        Source = UrbanSource.ReadValues(CombinedFile);

        var (header, rows) = UrbanSource.ReadTable(UrbanSource.PathOf(PopulationFile));
        int Col(string name) => Array.IndexOf(header, name);
        PopulationYear = rows.Max(r => short.Parse(r.Fields[Col("year")], CultureInfo.InvariantCulture));
        foreach (var (_, f) in rows.Where(r => short.Parse(r.Fields[Col("year")], CultureInfo.InvariantCulture) == PopulationYear))
        {
            Populations[f[Col("state")].Trim().PadLeft(2, '0') + f[Col("county")].Trim().PadLeft(3, '0')] = long.Parse(f[Col("population")], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The whole-population values of a metric in a year, by FIPS, from the source file.</summary>
    public Dictionary<string, SourceValue> WholePopulation(string metric, short year) => Source
        .Where(kv => kv.Key.Metric == metric && kv.Key.Year == year && kv.Key.SubgroupType == "all" && kv.Value.Value is not null)
        .ToDictionary(kv => kv.Key.Fips, kv => kv.Value, StringComparer.Ordinal);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }
}
