using UpwardMobility.Core.Catalog;

namespace UpwardMobility.Core.Nation;

/// <summary>What the rankings list shows: filters, sort and page, all from the URL.</summary>
public sealed record RankingQuery(
    string? State = null,
    string? Size = null,
    IReadOnlyList<string>? Fips = null,
    string Sort = RankingSort.Rank,
    bool Descending = false,
    int Page = 1,
    int PageSize = CountyRankings.DefaultPageSize);

public static class RankingSort
{
    public const string Rank = "rank";
    public const string Name = "name";
    public const string State = "state";
    public const string Value = "value";
    public const string Population = "population";
    public const string Quality = "quality";

    public static IReadOnlyList<string> All { get; } = [Rank, Name, State, Value, Population, Quality];

    public static string Normalize(string? sort) =>
        All.FirstOrDefault(s => string.Equals(s, sort?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Rank;
}

/// <summary>A county in the rankings with its national rank (1 = best, or highest value for unjudged metrics).</summary>
public sealed record RankedCounty(int Rank, CrossSectionRow Row, double? BetterThan);

public sealed record RankingPage(
    IReadOnlyList<RankedCounty> Rows,
    int Total,
    int RankedNationally,
    int Page,
    int PageCount,
    int PageSize);

/// <summary>
/// Ranks a cross-section nationally, then filters, sorts and pages it. Pure, so the page, the CSV and the tests
/// share one definition of rank: ties share the better rank, counties with only a text value are not ranked.
/// </summary>
public static class CountyRankings
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IReadOnlyList<RankedCounty> RankNationally(MetricCrossSection section)
    {
        var direction = section.Metric.Direction;
        var ranked = section.Rows.Where(r => r.Value is { } v && double.IsFinite(v)).ToList();
        // Best first for judged metrics; highest first for context and parity metrics, which have no better.
        ranked.Sort((a, b) => direction == MetricDirection.Down
            ? a.Value!.Value.CompareTo(b.Value!.Value)
            : b.Value!.Value.CompareTo(a.Value!.Value));
        var result = new List<RankedCounty>(section.Rows.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Value == ranked[i - 1].Value ? result[i - 1].Rank : i + 1;
            result.Add(new RankedCounty(rank, ranked[i], MetricCrossSection.BetterThan(ranked[i], section.Metric)));
        }
        result.AddRange(section.Rows.Where(r => r.Value is not { } v || !double.IsFinite(v)).Select(r => new RankedCounty(0, r, null)));
        return result;
    }

    public static IReadOnlyList<RankedCounty> FilterAndSort(IReadOnlyList<RankedCounty> ranked, RankingQuery query)
    {
        IEnumerable<RankedCounty> rows = ranked;
        if (!string.IsNullOrWhiteSpace(query.State))
        {
            var state = query.State.Trim();
            rows = rows.Where(r => string.Equals(r.Row.StateFips, state, StringComparison.Ordinal)
                || string.Equals(r.Row.StateAbbr, state, StringComparison.OrdinalIgnoreCase));
        }
        if (PopulationBand.Find(query.Size) is { } band)
        {
            rows = rows.Where(r => band.Contains(r.Row.Population));
        }
        if (query.Fips is { Count: > 0 } fips)
        {
            var set = fips.ToHashSet(StringComparer.Ordinal);
            rows = rows.Where(r => set.Contains(r.Row.Fips));
        }
        // Unranked counties (no numeric value) always go last, whichever way the list is sorted.
        var sorted = (RankingSort.Normalize(query.Sort)) switch
        {
            RankingSort.Name => Order(rows, r => r.Row.Name, query.Descending, StringComparer.OrdinalIgnoreCase),
            RankingSort.State => Order(rows, r => r.Row.StateName + "\u0001" + r.Row.Name, query.Descending, StringComparer.OrdinalIgnoreCase),
            RankingSort.Value => Order(rows, r => r.Row.Value ?? double.NaN, query.Descending, null, r => r.Rank == 0),
            RankingSort.Population => Order(rows, r => r.Row.Population ?? -1, query.Descending, null, r => r.Row.Population is null),
            RankingSort.Quality => Order(rows, r => (int)r.Row.Quality, query.Descending, null, r => r.Row.Quality == Metrics.DataQuality.Unknown),
            _ => Order(rows, r => r.Rank, query.Descending, null, r => r.Rank == 0),
        };
        return sorted.ToList();
    }

    public static RankingPage Page(IReadOnlyList<RankedCounty> rows, RankingQuery query, int rankedNationally)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var pageCount = Math.Max(1, (rows.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new RankingPage(rows.Skip((page - 1) * size).Take(size).ToList(), rows.Count, rankedNationally, page, pageCount, size);
    }

    private static IEnumerable<RankedCounty> Order<TKey>(
        IEnumerable<RankedCounty> rows, Func<RankedCounty, TKey> key, bool descending, IComparer<TKey>? comparer,
        Func<RankedCounty, bool>? last = null)
    {
        var withLast = rows.OrderBy(r => last?.Invoke(r) ?? false);
        var ordered = descending ? withLast.ThenByDescending(key, comparer) : withLast.ThenBy(key, comparer);
        // A stable tie-break keeps pages from reshuffling between requests.
        return ordered.ThenBy(r => r.Row.Fips, StringComparer.Ordinal);
    }
}
