using System.Globalization;
using Microsoft.Extensions.Primitives;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Nation;
using UpwardMobility.Web.Map;

namespace UpwardMobility.Web.Rankings;

/// <summary>The rankings' URL read into a cross-section, ranked, filtered and sorted; shared by the page and its CSV.</summary>
public sealed record RankingsView(
    MapView Map,
    RankingQuery Query,
    IReadOnlyList<RankedCounty> Ranked,
    IReadOnlyList<RankedCounty> Filtered,
    IReadOnlyList<string> IgnoredFips)
{
    public MetricCrossSection? Section => Map.Section;

    public static async Task<RankingsView> LoadAsync(
        MetricCrossSectionService crossSections, FrameworkOutline framework, IReadOnlyList<StateCounties> states,
        IQueryCollection q, CancellationToken ct = default)
    {
        var kind = MapView.PlacesOf(q[MapView.PlacesKey]);
        var map = await MapView.LoadAsync(crossSections, framework, states, q["metric"], q["year"], q["subgroup"], q["subgroup_type"], q["state"], ct, kind);
        var (fips, ignored) = ReadFips(q["fips"], kind);
        var query = new RankingQuery(
            State: map.StateFips,
            Size: PopulationBand.Find(q["size"])?.Key,
            Fips: fips,
            Sort: RankingSort.Normalize(q["sort"]),
            Descending: string.Equals(q["dir"], "desc", StringComparison.OrdinalIgnoreCase),
            Page: int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);
        if (map.Section is not { } section)
        {
            return new RankingsView(map, query, [], [], ignored);
        }
        var ranked = CountyRankings.RankNationally(section);
        return new RankingsView(map, query, ranked, CountyRankings.FilterAndSort(ranked, query), ignored);
    }

    /// <summary>
    /// Codes of the kind ranked are kept (five digits for counties, seven for cities; at most 200); anything else is
    /// reported back to the reader, not dropped silently.
    /// </summary>
    public static (IReadOnlyList<string> Fips, IReadOnlyList<string> Ignored) ReadFips(StringValues values, PlaceKind? kind = null)
    {
        kind ??= PlaceKind.County;
        var kept = new List<string>();
        var ignored = new List<string>();
        foreach (var raw in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (kind.Canonical(raw) is { } fips && kept.Count < 200)
            {
                if (!kept.Contains(fips, StringComparer.Ordinal))
                {
                    kept.Add(fips);
                }
            }
            else
            {
                ignored.Add(raw);
            }
        }
        return (kept, ignored);
    }

    /// <summary>County (5 digits, 4 padded) and city (7 digits) codes, for compare, which takes either kind; the rest reported.</summary>
    public static (IReadOnlyList<string> Codes, IReadOnlyList<string> Ignored) ReadPlaceCodes(StringValues values)
    {
        var kept = new List<string>();
        var ignored = new List<string>();
        foreach (var raw in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if ((PlaceKind.County.Canonical(raw) ?? PlaceKind.City.Canonical(raw)) is { } code && kept.Count < 200)
            {
                if (!kept.Contains(code, StringComparer.Ordinal))
                {
                    kept.Add(code);
                }
            }
            else
            {
                ignored.Add(raw);
            }
        }
        return (kept, ignored);
    }

    /// <summary>The URL query (without "?") for this view with some parameters changed.</summary>
    public string Link(string? sort = null, bool? descending = null, int? page = null)
    {
        if (Section is not { } section)
        {
            return "";
        }
        var parts = new List<string>();
        if (Query.Size is { } size)
        {
            parts.Add("size=" + size);
        }
        parts.AddRange((Query.Fips ?? []).Select(f => "fips=" + f));
        var sortKey = sort ?? Query.Sort;
        if (sortKey != RankingSort.Rank)
        {
            parts.Add("sort=" + sortKey);
        }
        if (descending ?? Query.Descending)
        {
            parts.Add("dir=desc");
        }
        if ((page ?? 1) > 1)
        {
            parts.Add(FormattableString.Invariant($"page={page}"));
        }
        return MapView.Query(section, Map.StateFips, parts.Count == 0 ? null : string.Join("&", parts));
    }
}
