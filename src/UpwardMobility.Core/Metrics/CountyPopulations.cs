namespace UpwardMobility.Core.Metrics;

/// <summary>
/// Every county's population by year (<c>geography_populations</c>), the weights of the benchmarks. Immutable; loaded
/// with the distributions once per data version.
/// </summary>
public sealed class CountyPopulations
{
    public static readonly CountyPopulations Empty = new([]);

    /// <summary>Whose populations these are: counties' or cities' (each kind is weighed only among its own).</summary>
    public Geographies.PlaceKind Kind { get; init; } = Geographies.PlaceKind.County;

    /// <summary>The imports that wrote the figures (the weights' data stamp).</summary>
    public IReadOnlySet<int> Imports { get; init; } = new HashSet<int>();

    private readonly Dictionary<short, Dictionary<int, (long Population, string StateFips)>> _byYear;
    private readonly short[] _years;

    /// <summary>The populations of <paramref name="rows"/> (county id, year, people, state FIPS), in any order.</summary>
    public CountyPopulations(IEnumerable<(int GeographyId, short Year, long Population, string StateFips)> rows)
    {
        _byYear = [];
        foreach (var (id, year, population, state) in rows)
        {
            if (!_byYear.TryGetValue(year, out var counties))
            {
                _byYear[year] = counties = [];
            }
            counties[id] = (population, state);
        }
        _years = [.. _byYear.Keys.Order()];
    }

    /// <summary>
    /// The year whose figures weigh values of <paramref name="year"/>: that year, else the nearest loaded one (the earlier
    /// of two equally near); null when no population is loaded. Urban, too, used 2015's figures for 2014.
    /// </summary>
    public short? YearFor(short year)
    {
        if (_years.Length == 0)
        {
            return null;
        }
        var best = _years[0];
        foreach (var y in _years)
        {
            if (Math.Abs(y - year) < Math.Abs(best - year))
            {
                best = y;
            }
        }
        return best;
    }

    /// <summary>Every county with a figure in <paramref name="populationYear"/> (a year from <see cref="YearFor"/>).</summary>
    public IReadOnlyDictionary<int, (long Population, string StateFips)> In(short populationYear) =>
        _byYear.TryGetValue(populationYear, out var counties) ? counties : NoCounties;

    private static readonly Dictionary<int, (long Population, string StateFips)> NoCounties = [];
}
