using System.Globalization;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Tests.Import;

namespace UpwardMobility.Tests.Metrics;

/// <summary>
/// Urban's benchmark computed by the test itself from the source files: the metric file and
/// <c>county-populations.csv</c> read with the test's own reader, each county weighted by its population that year.
/// </summary>
public static class IndependentBenchmark
{
    public const string PopulationFile = "components/county-populations.csv";

    /// <summary>FIPS → population, per year, from the source file.</summary>
    private static readonly Lazy<Dictionary<short, Dictionary<string, long>>> Populations = new(() =>
    {
        var (header, rows) = UrbanSource.ReadTable(UrbanSource.PathOf(PopulationFile));
        int Col(string name) => Array.IndexOf(header, name);
        var result = new Dictionary<short, Dictionary<string, long>>();
        foreach (var (_, f) in rows)
        {
            var year = short.Parse(f[Col("year")], CultureInfo.InvariantCulture);
            if (!result.TryGetValue(year, out var counties))
            {
                result[year] = counties = new(StringComparer.Ordinal);
            }
            counties[f[Col("state")].Trim().PadLeft(2, '0') + f[Col("county")].Trim().PadLeft(3, '0')] = long.Parse(f[Col("population")], CultureInfo.InvariantCulture);
        }
        return result;
    });

    /// <summary>
    /// The middle person's county value: counties sorted by value, people counted up; with an even number of people the
    /// two middle people's values are averaged. Also the share of people in counties with no value or a Weak one.
    /// </summary>
    public static (double? Median, double MissingOrWeak) Of(string file, string metric, short year, string? state = null)
    {
        var values = UrbanSource.ReadValues(file)
            .Where(kv => kv.Key.Metric == metric && kv.Key.Year == year && kv.Key.SubgroupType == "all")
            .ToDictionary(kv => kv.Key.Fips, kv => kv.Value, StringComparer.Ordinal);
        var people = Populations.Value[year].Where(p => state is null || p.Key.StartsWith(state, StringComparison.Ordinal)).ToList();
        long total = people.Sum(p => p.Value);
        long missing = people.Where(p => !values.TryGetValue(p.Key, out var v) || v.Value is null || v.Quality == DataQuality.Weak).Sum(p => p.Value);
        var weighted = people.Where(p => values.TryGetValue(p.Key, out var v) && v.Value is not null)
            .Select(p => (Value: values[p.Key].Value!.Value, People: p.Value))
            .OrderBy(p => p.Value)
            .ToList();
        long n = weighted.Sum(w => w.People);
        double PersonAt(long person)
        {
            long seen = 0;
            foreach (var w in weighted)
            {
                seen += w.People;
                if (seen >= person)
                {
                    return w.Value;
                }
            }
            throw new InvalidOperationException("past the last person");
        }
        double? median = n == 0 ? null : n % 2 == 1 ? PersonAt((n + 1) / 2) : (PersonAt(n / 2) + PersonAt((n / 2) + 1)) / 2;
        return (median, (double)missing / total);
    }

}
