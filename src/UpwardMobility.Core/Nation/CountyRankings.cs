using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Judgement;

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

    /// <summary>
    /// Ranks every county with a number: best first for metrics judged across counties (ties share the better rank, and
    /// <see cref="RankedCounty.BetterThan"/> is the share of the other ranked counties it is strictly better than);
    /// highest first, with no "better", for context and parity metrics and for counts. Weak values and the catalog's
    /// special values (0 residents per physician: no physician) are listed but not ranked (rank 0), as are text-only values.
    /// </summary>
    public static IReadOnlyList<RankedCounty> RankNationally(MetricCrossSection section)
    {
        var metric = section.Metric;
        var judged = MetricRules.ComparesAcrossCounties(metric);
        bool Rankable(CrossSectionRow r) => r.Value is { } v && double.IsFinite(v)
            && Quality.MayJudge(r.Quality) && MetricRules.Special(metric, v) is null;
        var ranked = section.Rows.Where(Rankable).ToList();
        ranked.Sort((a, b) => judged && metric.Direction == MetricDirection.Down
            ? a.Value!.Value.CompareTo(b.Value!.Value)
            : b.Value!.Value.CompareTo(a.Value!.Value));
        var pool = RankPool.Of(ranked.Select(r => r.Value!.Value));
        var result = new List<RankedCounty>(section.Rows.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Value == ranked[i - 1].Value ? result[i - 1].Rank : i + 1;
            var row = ranked[i];
            double? betterThan = judged
                ? Standing.Of(metric, new Estimate(row.Value!.Value, row.LowerBound, row.UpperBound, row.Quality), pool).BetterThanShare
                : null;
            result.Add(new RankedCounty(rank, row, betterThan));
        }
        result.AddRange(section.Rows.Where(r => !Rankable(r)).Select(r => new RankedCounty(0, r, null)));
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
            RankingSort.Quality => Order(rows, r => (int)r.Row.Quality, query.Descending, null, r => r.Row.Quality == Core.Metrics.DataQuality.Unknown),
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
