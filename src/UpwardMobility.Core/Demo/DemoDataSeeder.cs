using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Import;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Demo;

/// <summary>
/// Seeds a synthetic data set in the shape of Urban's (every current county, several years, bounds, quality
/// flags and a few race/ethnicity subgroups) so a fresh install shows a live dashboard. It is recorded as a demo
/// import, which the UI labels as synthetic and the first real import removes.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> dbFactory)
{
    public const string DemoFileName = "synthetic-demo-data";
    public static readonly short[] Years = [2020, 2021, 2022, 2023];

    private static readonly string[] RaceGroups = ["Black, Non-Hispanic", "Hispanic", "White, Non-Hispanic", "Other Races and Ethnicities"];
    private static readonly HashSet<string> SubgroupMetrics = ["share_employed", "share_hs_degree", "rate_injury_death"];

    // Typical county values, so the synthetic numbers look like the real ones.
    private static readonly Dictionary<string, double> Typical = new()
    {
        ["share_employed"] = 0.76,
        ["share_hs_degree"] = 0.87,
        ["share_in_preschool"] = 0.45,
        ["share_digital_access"] = 0.82,
        ["share_debt_coll"] = 0.26,
        ["share_medical_debt_coll"] = 0.09,
        ["share_low_birth_weight"] = 0.08,
        ["share_election_turnout"] = 0.62,
        ["share_poverty_exposure"] = 0.12,
        ["share_homeless"] = 0.012,
        ["share_transit_commuter"] = 0.02,
        ["share_transportation_cost"] = 0.3,
        ["share_economic_connectedness"] = 0.8,
        ["pctl_income_20"] = 26000,
        ["pctl_income_50"] = 62000,
        ["pctl_income_80"] = 112000,
        ["rate_injury_death"] = 85,
        ["rate_crime_violent"] = 280,
        ["rate_crime_property"] = 1700,
        ["rate_juv_arrest"] = 260,
        ["count_membership_associations_per_10k"] = 11,
        ["count_homeless"] = 150,
        ["ratio_living_wage"] = 0.72,
        ["index_air_hazard"] = 50,
        ["rate_learning"] = 0.98,
        ["ratio_population_pc_physician"] = 2200,
        ["share_affordable_30_ami"] = 0.9,
        ["share_affordable_50_ami"] = 1.3,
        ["share_affordable_80_ami"] = 1.5,
        ["share_affordable_available_30_ami"] = 0.45,
        ["share_affordable_available_50_ami"] = 0.75,
        ["share_affordable_available_80_ami"] = 0.95,
    };

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.MetricValues.AnyAsync(ct) || await db.Imports.AnyAsync(i => !i.IsDemo, ct))
        {
            return false;
        }
        var counties = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && !g.Historical)
            .OrderBy(g => g.Fips)
            .Select(g => new { g.Id, g.Fips })
            .ToListAsync(ct);
        var metrics = await db.Metrics.AsNoTracking()
            .Where(m => !m.Retired)
            .Select(m => new DemoMetric(m.Id, m.Key, m.Unit, m.ValidMin, m.ValidMax))
            .ToListAsync(ct);

        var started = DateTime.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new DataImport { FileName = DemoFileName, IsDemo = true, StartedAtUtc = started, UserName = "system" };
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);

        var connection = db.Database.GetDbConnection();
        var store = new ValueWriter(connection, transaction.GetDbTransaction());
        var geoIds = counties.Select(c => (c.Id, c.Fips)).ToList();
        // The seed runs only on an empty database, so every key is new.
        var inserted = store.InsertNew(import.Id, Generate(geoIds, metrics, ct), ct);

        var populations = counties.SelectMany(county => Years.Select(year =>
            (county.Id, year, (long)(SyntheticPopulation(county.Fips) * (1 + (0.004 * (year - Years[0])))))));
        await new PopulationWriter(connection, transaction.GetDbTransaction(), db.Provider).WriteAsync(import.Id, populations, ct);
        import.ValuesInserted = inserted;
        import.DurationMs = (long)(DateTime.UtcNow - started).TotalMilliseconds;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record DemoMetric(int Id, string Key, MetricUnit Unit, double? Min, double? Max);

    private static IEnumerable<TidyValue> Generate(
        List<(int Id, string Fips)> counties, List<DemoMetric> metrics, CancellationToken ct)
    {
        var line = 0;
        foreach (var (geoId, fips) in counties)
        {
            ct.ThrowIfCancellationRequested();
            var population = SyntheticPopulation(fips);
            foreach (var metric in metrics)
            {
                var random = new Random(HashCode.Combine(StableHash(fips), StableHash(metric.Key)));
                var z = Gaussian(random);
                var trend = Gaussian(random) * 0.02;
                foreach (var year in Years)
                {
                    var yearZ = z + (trend * (year - Years[0]) / 0.02 * 0.05) + (Gaussian(random) * 0.05);
                    yield return Make(++line, geoId, metric, year, Subgroups.AllType, Subgroups.All, yearZ, population, random);
                    if (SubgroupMetrics.Contains(metric.Key))
                    {
                        for (var g = 0; g < RaceGroups.Length; g++)
                        {
                            var groupZ = yearZ + ((g - 1.5) * 0.35) + (Gaussian(random) * 0.2);
                            yield return Make(++line, geoId, metric, year, "race-ethnicity", RaceGroups[g], groupZ, population * (g == 2 ? 0.6 : 0.12), random);
                        }
                    }
                }
            }
        }
    }

    private static TidyValue Make(int line, int geoId, DemoMetric metric, short year, string type, string subgroup, double z, double population, Random random)
    {
        var typical = Typical.GetValueOrDefault(metric.Key, metric.Unit == MetricUnit.Share ? 0.5 : 1.0);
        double value = metric.Unit switch
        {
            MetricUnit.Share => Logistic(Logit(Math.Clamp(typical, 0.001, 0.999)) + (0.45 * z)),
            MetricUnit.AbRatio when metric.Key.StartsWith("ratio_", StringComparison.Ordinal) && typical <= 1.0 => 0.9 * Math.Exp(0.3 * z),
            MetricUnit.Index when metric.Max is 100 => Math.Clamp(typical + (22 * z), 0, 100),
            _ => typical * Math.Exp(0.28 * z),
        };
        value = Clamp(value, metric);
        // Smaller places get wider intervals, as in the real survey-based data.
        var relativeMargin = Math.Clamp(0.9 / Math.Sqrt(Math.Max(population, 500) / 1000.0), 0.01, 0.6) * (0.7 + (0.6 * random.NextDouble()));
        var margin = Math.Abs(value) * relativeMargin * 0.5;
        var quality = relativeMargin < 0.12 ? DataQuality.Strong : relativeMargin < 0.25 ? DataQuality.Marginal : DataQuality.Weak;
        string? text = null;
        if (metric.Unit == MetricUnit.AbRatio)
        {
            text = value > 10 ? $"{Math.Round(value):0}:1" : FormattableString.Invariant($"{value * 0.3:0.000}:{0.3:0.000}");
            value = value > 10 ? Math.Round(value) : Math.Round(value * 0.3, 3) / 0.3;
        }
        return new TidyValue(line, geoId, metric.Id, year, type, subgroup, Math.Round(value, 6),
            Math.Round(Clamp(value - margin, metric), 6), Math.Round(Clamp(value + margin, metric), 6), quality, text);
    }

    private static double Clamp(double value, DemoMetric metric) =>
        Math.Clamp(value, metric.Min ?? double.MinValue, metric.Max ?? double.MaxValue);

    public static double SyntheticPopulation(string fips)
    {
        var random = new Random(StableHash("population" + fips));
        return Math.Round(26000 * Math.Exp(1.4 * Gaussian(random)));
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    // string.GetHashCode is randomised per process; the demo must be the same on every start.
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }
            return hash;
        }
    }
}
