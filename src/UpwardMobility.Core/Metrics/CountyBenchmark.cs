using System.Globalization;

namespace UpwardMobility.Core.Metrics;

/// <summary>Why a benchmark has no value.</summary>
public enum BenchmarkSuppression
{
    /// <summary>Not suppressed: the benchmark has a value.</summary>
    None = 0,

    /// <summary>More than <see cref="CountyBenchmark.MaxMissingOrWeakShare"/> of the population lives in counties with no value or a Weak one.</summary>
    TooMuchMissingOrWeak = 1,

    /// <summary>No county population figures are loaded, so nothing can be weighted.</summary>
    NoPopulation = 2,

    /// <summary>The subgroup is a group of people whose number per county is not published, so county populations are the wrong weights.</summary>
    GroupNotWeighted = 3,
}

/// <summary>
/// Urban's national (or state) benchmark for one metric, year and subgroup: the population-weighted median of counties
/// ("the county metric for the average American"), each county weighted by its population that year, left blank when
/// more than 15% of the population lives in counties whose value is missing or Weak. Read from
/// <see cref="CountyDistributions.Benchmark"/>; computed once per data version.
/// </summary>
/// <param name="Scope"><see cref="MetricStatistic.NationalScope"/> or a 2-digit state FIPS.</param>
/// <param name="Value">The weighted median; null when suppressed.</param>
/// <param name="MissingOrWeakShare">Share (0..1) of the scope's population in counties with no value or a Weak value.</param>
/// <param name="PopulationYear">The year of the population figures used (the metric's year, else the nearest loaded year).</param>
/// <param name="Counties">How many counties were weighted.</param>
public sealed record CountyBenchmark(
    string Scope,
    double? Value,
    BenchmarkSuppression Suppression,
    double MissingOrWeakShare,
    short? PopulationYear,
    int Counties)
{
    /// <summary>Urban's limit: above this share of the population missing or Weak, the benchmark is left blank.</summary>
    public const double MaxMissingOrWeakShare = 0.15;

    /// <summary>The label every page uses for the national benchmark.</summary>
    public const string NationalLabel = "US (population-weighted median of counties)";

    /// <summary>The label for a state's benchmark, e.g. "California (population-weighted median of its counties)".</summary>
    public static string StateLabel(string stateName) => $"{stateName} (population-weighted median of its counties)";

    /// <summary>A short column heading: "US benchmark" or "California benchmark".</summary>
    public static string ShortLabel(string scopeName) => $"{scopeName} benchmark";

    /// <summary>Counties or cities: the places weighed (a city benchmark is a median of cities, never of counties).</summary>
    public Geographies.PlaceKind Kind { get; init; } = Geographies.PlaceKind.County;

    public bool IsSuppressed => Value is null;

    /// <summary>Why the value is blank, in plain words; null when there is a value.</summary>
    public string? SuppressedReason => Suppression switch
    {
        BenchmarkSuppression.None => null,
        BenchmarkSuppression.TooMuchMissingOrWeak => string.Create(CultureInfo.InvariantCulture,
            $"Left blank: {Math.Round(MissingOrWeakShare * 100, 0, MidpointRounding.AwayFromZero):0}% of {Whose} lives in {Kind.Plural} with no value or a Weak value for this year, more than the 15% Urban allows for a population-weighted median."),
        BenchmarkSuppression.NoPopulation => $"Left blank: no {Kind.Singular} population figures are loaded, so {Kind.Plural} cannot be weighted by population.",
        BenchmarkSuppression.GroupNotWeighted => $"No population-weighted median for this group: the number of its members in each {Kind.Singular} is not published, so {Kind.Singular} populations would be the wrong weights.",
        _ => "Left blank.",
    };

    // Counties cover everyone; cities only their own people, so a city benchmark's share is of the cities' people.
    private string Whose => (Scope == MetricStatistic.NationalScope, Kind == Geographies.PlaceKind.City) switch
    {
        (true, false) => "the US population",
        (false, false) => "the state's population",
        (true, true) => "the people of US cities",
        (false, true) => "the people of the state's cities",
    };
}

/// <summary>One county as the benchmark weighs it: its value (null: none published), quality and population.</summary>
public readonly record struct WeightedCounty(double? Value, DataQuality Quality, long Population);

/// <summary>The benchmark rule, pure. The weighted median is Urban's (<c>Hmisc::wtd.quantile(x, weights = population, probs = 0.5)</c>).</summary>
public static class BenchmarkRule
{
    /// <summary>
    /// Subgroup types whose benchmark is weighted by county population: the whole population, and gender (each group is
    /// about half of every county, so the weights are proportional to the right ones). Other groups of people (race and
    /// ethnicity, income, age, …) are not evenly spread across counties and their county sizes are not published.
    /// </summary>
    public static bool IsWeighted(string subgroupType) =>
        subgroupType == Subgroups.AllType || string.Equals(subgroupType, "gender", StringComparison.Ordinal);

    /// <summary>
    /// The benchmark of <paramref name="counties"/>: every county of the scope that has a population figure, with or
    /// without a value. Weak values count in the median (as in Urban's) but also towards the 15% limit.
    /// </summary>
    public static CountyBenchmark Compute(string scope, IReadOnlyCollection<WeightedCounty> counties, short? populationYear)
    {
        if (populationYear is null)
        {
            return new CountyBenchmark(scope, null, BenchmarkSuppression.NoPopulation, 1, null, 0);
        }
        double total = 0, missingOrWeak = 0;
        var weighted = new List<(double Value, long Weight)>(counties.Count);
        foreach (var c in counties)
        {
            if (c.Population <= 0)
            {
                continue;
            }
            total += c.Population;
            if (c.Value is not { } v || !double.IsFinite(v))
            {
                missingOrWeak += c.Population;
                continue;
            }
            if (c.Quality == DataQuality.Weak)
            {
                missingOrWeak += c.Population;
            }
            weighted.Add((v, c.Population));
        }
        if (total <= 0)
        {
            return new CountyBenchmark(scope, null, BenchmarkSuppression.NoPopulation, 1, populationYear, 0);
        }
        if (weighted.Count == 0)
        {
            return new CountyBenchmark(scope, null, BenchmarkSuppression.TooMuchMissingOrWeak, 1, populationYear, 0);
        }
        var share = missingOrWeak / total;
        // "More than 15%": exactly 15% keeps its value.
        return share > CountyBenchmark.MaxMissingOrWeakShare
            ? new CountyBenchmark(scope, null, BenchmarkSuppression.TooMuchMissingOrWeak, share, populationYear, weighted.Count)
            : new CountyBenchmark(scope, WeightedMedian(weighted), BenchmarkSuppression.None, share, populationYear, weighted.Count);
    }

    /// <summary>
    /// The weighted median as <c>Hmisc::wtd.quantile</c> computes it with whole-number weights: the median of the list
    /// in which each value is repeated as many times as its weight (position 1 + (n − 1)/2 of n, the two neighbours
    /// averaged when it falls between them). Null for no values.
    /// </summary>
    public static double? WeightedMedian(IEnumerable<(double Value, long Weight)> values)
    {
        var sorted = values.Where(v => v.Weight > 0 && double.IsFinite(v.Value)).ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        Array.Sort(sorted, (a, b) => a.Value.CompareTo(b.Value));
        double n = 0;
        foreach (var v in sorted)
        {
            n += v.Weight;
        }
        var order = 1 + ((n - 1) * 0.5);
        var low = Math.Max(Math.Floor(order), 1);
        var high = Math.Min(low + 1, n);
        var fraction = order - Math.Floor(order);
        var atLow = ValueAt(sorted, low);
        return fraction == 0 ? atLow : ((1 - fraction) * atLow) + (fraction * ValueAt(sorted, high));
    }

    /// <summary>The value at 1-based position <paramref name="position"/> of the expanded list.</summary>
    private static double ValueAt((double Value, long Weight)[] sorted, double position)
    {
        double cumulative = 0;
        foreach (var v in sorted)
        {
            cumulative += v.Weight;
            if (cumulative >= position)
            {
                return v.Value;
            }
        }
        return sorted[^1].Value;
    }
}
