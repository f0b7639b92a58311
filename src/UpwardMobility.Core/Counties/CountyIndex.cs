namespace UpwardMobility.Core.Counties;

/// <summary>A county as lists and searches show it.</summary>
/// <param name="Population">The latest population figure, used to rank equally good matches (big counties first).</param>
public sealed record CountySummary(
    string Fips,
    string Name,
    string StateFips,
    string StateName,
    string StateAbbr,
    bool Historical,
    long? Population)
{
    /// <summary>County or city (the search box finds both; lists and rankings hold one kind).</summary>
    public Geographies.PlaceKind Kind { get; init; } = Geographies.PlaceKind.County;

    /// <summary>The place's page, relative to the base: <c>counties/06037</c>, <c>cities/0644000</c>.</summary>
    public string Path => Kind.PathOf(Fips);
}

/// <summary>One state's counties, in name order.</summary>
public sealed record StateCounties(string StateFips, string StateName, string StateAbbr, IReadOnlyList<CountySummary> Counties)
{
    /// <summary>An id for the state's section on the county list, e.g. <c>state-ca</c>.</summary>
    public string Anchor => "state-" + (StateAbbr.Length > 0 ? StateAbbr.ToLowerInvariant() : StateFips);
}

/// <summary>
/// An in-memory index of the visible counties (a few thousand) for search-as-you-type and the filtered
/// county list. Pure: build it from any list of <see cref="CountySummary"/>; <see cref="CountyDirectoryService"/>
/// builds it from the database and caches it.
/// </summary>
public sealed class CountyIndex
{
    // Words that end county names but say nothing about which county it is: "Los Angeles County" is also "Los Angeles".
    private static readonly string[] TypeSuffixes =
    [
        " city and borough", " census area", " planning region", " municipality", " municipio", " borough", " parish",
        " county", " city",
    ];

    private readonly Entry[] _entries;

    public CountyIndex(IEnumerable<CountySummary> counties)
    {
        _entries = counties.Select(Entry.Create).ToArray();
        Count = _entries.Length;
    }

    public static CountyIndex Empty { get; } = new([]);

    public int Count { get; }

    /// <summary>Every place of the index, in the order it was built from.</summary>
    public IEnumerable<CountySummary> All => _entries.Select(e => e.County);

    /// <summary>
    /// The best matches for what a person typed: a county name (or part of it, in any case, with or without
    /// accents), optionally followed by its state name or abbreviation, or a FIPS code (or its first digits).
    /// Ranked: exact FIPS, exact name, name prefix, word prefixes, name plus state, FIPS prefix, substring; then
    /// current before historical counties, larger population first, then name and state.
    /// </summary>
    public IReadOnlyList<CountySummary> Search(string? query, int limit = 8)
    {
        if (limit <= 0)
        {
            return [];
        }
        var prepared = Query.Parse(query);
        if (prepared is null)
        {
            return [];
        }
        return _entries
            .Select(e => (Entry: e, Rank: e.Match(prepared)))
            .Where(x => x.Rank != MatchRank.None)
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Entry.County.Historical)
            .ThenByDescending(x => x.Entry.County.Population ?? -1)
            .ThenBy(x => x.Entry.FoldedName, StringComparer.Ordinal)
            .ThenBy(x => x.Entry.County.StateName, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.Entry.County)
            .ToList();
    }

    /// <summary>The county with exactly this FIPS code (4-digit codes are padded), or null.</summary>
    public CountySummary? FindByFips(string? fips)
    {
        var normalized = CountyText.NormalizeCountyFips(fips);
        return normalized is null ? null : _entries.FirstOrDefault(e => e.County.Fips == normalized)?.County;
    }

    /// <summary>The place with exactly this code (no padding: a city's 7 digits), or null.</summary>
    public CountySummary? FindByCode(string code) => _entries.FirstOrDefault(e => e.County.Fips == code)?.County;

    /// <summary>
    /// Current (non-historical) counties grouped by state, states and counties in alphabetical order. With a
    /// <paramref name="filter"/>, only the counties <see cref="Search"/> would find for it.
    /// </summary>
    public IReadOnlyList<StateCounties> ListByState(string? filter = null)
    {
        var prepared = Query.Parse(filter);
        return _entries
            .Where(e => !e.County.Historical)
            .Where(e => prepared is null || e.Match(prepared) != MatchRank.None)
            .GroupBy(e => e.County.StateFips)
            .Select(g =>
            {
                var first = g.First().County;
                var counties = g.OrderBy(e => e.FoldedName, StringComparer.Ordinal).ThenBy(e => e.County.Fips, StringComparer.Ordinal)
                    .Select(e => e.County).ToList();
                return new StateCounties(first.StateFips, first.StateName, first.StateAbbr, counties);
            })
            .OrderBy(s => s.StateName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    internal enum MatchRank
    {
        ExactFips = 0,
        ExactName = 1,
        NamePrefix = 2,
        NameWords = 3,
        NameAndState = 4,
        FipsPrefix = 5,
        Contains = 6,
        None = int.MaxValue,
    }

    private sealed class Query
    {
        public required string Folded { get; init; }
        public required string[] Tokens { get; init; }
        public string? Digits { get; init; }
        public string? Fips { get; init; }

        // Longer than any county name plus its state: the rest cannot matter.
        private const int MaxLength = 120;

        public static Query? Parse(string? text)
        {
            var folded = CountyText.Fold(text is { Length: > MaxLength } ? text[..MaxLength] : text);
            if (folded.Length == 0)
            {
                return null;
            }
            var compact = folded.Replace(" ", "", StringComparison.Ordinal);
            var digits = CountyText.IsDigits(compact) ? compact : null;
            return new Query
            {
                Folded = folded,
                Tokens = folded.Split(' '),
                Digits = digits,
                Fips = digits is null ? null : CountyText.NormalizeCountyFips(digits),
            };
        }
    }

    private sealed class Entry
    {
        public required CountySummary County { get; init; }
        public required string FoldedName { get; init; }
        public required string Stem { get; init; }
        public required string[] NameWords { get; init; }
        public required string[] StateWords { get; init; }
        public required string FoldedState { get; init; }

        public static Entry Create(CountySummary county)
        {
            var folded = CountyText.Fold(county.Name);
            var stem = folded;
            foreach (var suffix in TypeSuffixes)
            {
                if (folded.Length > suffix.Length && folded.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stem = folded[..^suffix.Length];
                    break;
                }
            }
            var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            // "St. Louis" is also found as "saint louis", "Ste. Genevieve" as "sainte genevieve".
            if (words.Contains("st"))
            {
                words.Add("saint");
            }
            if (words.Contains("ste"))
            {
                words.Add("sainte");
            }
            var foldedState = CountyText.Fold(county.StateName);
            var stateWords = foldedState.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (county.StateAbbr.Length > 0)
            {
                stateWords.Add(county.StateAbbr.ToLowerInvariant());
            }
            return new Entry
            {
                County = county,
                FoldedName = folded,
                Stem = stem,
                NameWords = [.. words],
                StateWords = [.. stateWords],
                FoldedState = foldedState,
            };
        }

        public MatchRank Match(Query query)
        {
            if (query.Digits is { } digits)
            {
                if (query.Fips == County.Fips || digits == County.Fips)
                {
                    return MatchRank.ExactFips;
                }
                return County.Fips.StartsWith(digits, StringComparison.Ordinal) ? MatchRank.FipsPrefix : MatchRank.None;
            }
            var q = query.Folded;
            if (q == FoldedName || q == Stem)
            {
                return MatchRank.ExactName;
            }
            if (FoldedName.StartsWith(q, StringComparison.Ordinal))
            {
                return MatchRank.NamePrefix;
            }
            if (query.Tokens.All(t => HasWordStartingWith(NameWords, t)))
            {
                return MatchRank.NameWords;
            }
            if (query.Tokens.Any(t => HasWordStartingWith(NameWords, t))
                && query.Tokens.All(t => HasWordStartingWith(NameWords, t) || HasWordStartingWith(StateWords, t)))
            {
                return MatchRank.NameAndState;
            }
            if (FoldedName.Contains(q, StringComparison.Ordinal))
            {
                return MatchRank.Contains;
            }
            // A state on its own ("california", "ca") lists that state's counties, after any name matches.
            if (q == FoldedState || q.Equals(County.StateAbbr, StringComparison.OrdinalIgnoreCase))
            {
                return MatchRank.Contains;
            }
            return MatchRank.None;
        }

        private static bool HasWordStartingWith(string[] words, string token)
        {
            foreach (var word in words)
            {
                if (word.StartsWith(token, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
