using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Counties;

/// <summary>The framework as the catalog in the database holds it: dimensions, then pillars → predictors → metrics.</summary>
public sealed record FrameworkOutline(IReadOnlyList<DimensionOutline> Dimensions, IReadOnlyList<PillarOutline> Pillars)
{
    /// <summary>The metric with this key and the pillar and predictor it belongs to, or null.</summary>
    public MetricPlace? Find(string metricKey) => Pillars
        .SelectMany(p => p.Predictors.SelectMany(q => q.Metrics.Select(m => new MetricPlace(p, q, m))))
        .FirstOrDefault(x => string.Equals(x.Metric.Key, metricKey, StringComparison.Ordinal));
}

/// <summary>A metric of the catalog with its pillar and predictor.</summary>
public sealed record MetricPlace(PillarOutline Pillar, PredictorOutline Predictor, MetricOutline Metric);

public sealed record DimensionOutline(string Key, string Name, string Description);

public sealed record PillarOutline(string Key, string Name, string Description, IReadOnlyList<PredictorOutline> Predictors)
{
    /// <summary>An id for the pillar's section on a page, e.g. <c>pillar-rewarding-work</c>.</summary>
    public string Anchor => "pillar-" + Key;
}

public sealed record PredictorOutline(string Key, string Name, string Description, IReadOnlyList<MetricOutline> Metrics);

public sealed record MetricOutline(
    string Key,
    string Label,
    string Description,
    MetricUnit Unit,
    MetricDirection Direction,
    bool Retired,
    string Source,
    string Caveats)
{
    private IReadOnlyList<Judgement.SpecialValue>? _specials;

    /// <summary>The metric's database id (0 when the outline was not read from the database).</summary>
    public int Id { get; init; }

    /// <summary>The catalog's special values as stored (<c>0=no primary care physician</c>).</summary>
    public IReadOnlyList<string> SpecialValueTexts { get; init; } = [];

    /// <summary>Values that mean a fact in words, never ranked (see <see cref="Judgement.SpecialValue"/>).</summary>
    public IReadOnlyList<Judgement.SpecialValue> Specials => _specials ??= Judgement.SpecialValue.DecodeAll(SpecialValueTexts);

    /// <summary>The catalog's composition subgroup types as stored (<c>*=homeless students</c>).</summary>
    public IReadOnlyList<string> CompositionTexts { get; init; } = [];

    /// <summary>
    /// What the groups of <paramref name="subgroupType"/> are shares of ("homeless students") when they are a composition
    /// of the place's total rather than rates within each group; null for rates.
    /// </summary>
    public string? CompositionOf(string? subgroupType)
    {
        foreach (var text in CompositionTexts)
        {
            var cut = text.IndexOf('=', StringComparison.Ordinal);
            if (cut > 0 && (text[..cut] == "*" || string.Equals(text[..cut], subgroupType, StringComparison.Ordinal)))
            {
                return text[(cut + 1)..];
            }
        }
        return null;
    }
}

/// <summary>A county or other geography named by its FIPS code (the name is null when the code is not in the database).</summary>
public sealed record GeographyLink(string Fips, string? Name, string? StateAbbr);

/// <summary>One published number: the whole-population value of a metric for one county and year.</summary>
/// <param name="ValueText">The text the file wrote for <c>a:b</c> ratios (e.g. <c>2235:1</c>).</param>
/// <param name="IsDemo">The value comes from the synthetic demo data set.</param>
public sealed record MetricReading(
    short Year,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText,
    bool IsDemo)
{
    /// <summary>The value with its interval and quality for the judgement rules; null with only a text value.</summary>
    public Judgement.Estimate? Estimate => Judgement.Estimate.From(Value, LowerBound, UpperBound, Quality);
}

/// <summary>One stored value of the county: any metric, year and subgroup (neighbourhood groups typed race-share).</summary>
public sealed record CountyValueRecord(
    int MetricId,
    string MetricKey,
    short Year,
    string SubgroupType,
    string Subgroup,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText,
    bool IsDemo)
{
    public bool IsWholePopulation => SubgroupType == Subgroups.AllType;

    public MetricReading Reading => new(Year, Value, LowerBound, UpperBound, Quality, ValueText, IsDemo);
}

/// <summary>
/// A county as every county page reads it, in one read: the county, its population, the framework outline and every
/// value the county has (each metric, year and subgroup: a few thousand rows at most). The county, pillar and metric
/// pages build what they show from this, so none of them queries the county's values again.
/// </summary>
public sealed record CountyProfile
{
    /// <summary>County or city: the place is compared only with places of its kind.</summary>
    public PlaceKind Kind { get; init; } = PlaceKind.County;

    /// <summary>5 digits for a county, 7 (state + place) for a city.</summary>
    public required string Fips { get; init; }

    /// <summary>The place's page, relative to the base: <c>counties/06037</c> or <c>cities/0644000</c>.</summary>
    public string Path => Kind.PathOf(Fips);

    public required string Name { get; init; }
    public required string StateFips { get; init; }
    public required string StateName { get; init; }
    public required string StateAbbr { get; init; }

    /// <summary>Left out of lists and search by an admin; the page still answers.</summary>
    public bool Hidden { get; init; }

    /// <summary>No longer exists; <see cref="ReplacedBy"/> names its successors.</summary>
    public bool Historical { get; init; }
    public IReadOnlyList<GeographyLink> ReplacedBy { get; init; } = [];

    /// <summary>The historical counties this one replaced (e.g. Chugach Census Area replaced Valdez-Cordova).</summary>
    public IReadOnlyList<GeographyLink> Replaces { get; init; } = [];

    /// <summary>Tract-crosswalk shares between this county and its successors or predecessors (Connecticut, 2022).</summary>
    public IReadOnlyList<SuccessionShare> SuccessionShares { get; init; } = [];

    public long? Population { get; init; }
    public short? PopulationYear { get; init; }

    /// <summary>The population figure is part of the synthetic demo data.</summary>
    public bool PopulationIsDemo { get; init; }

    /// <summary>The catalog as the database holds it.</summary>
    public FrameworkOutline Framework { get; init; } = new([], []);

    /// <summary>Every value of the county (value or text), every metric, year and subgroup.</summary>
    public IReadOnlyList<CountyValueRecord> Values { get; init; } = [];

    private IReadOnlyDictionary<string, MetricReading>? _latest;

    /// <summary>Each metric's latest whole-population reading, by metric key.</summary>
    public IReadOnlyDictionary<string, MetricReading> LatestReadings => _latest ??= Values
        .Where(v => v.IsWholePopulation)
        .GroupBy(v => v.MetricKey, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Year)!.Reading, StringComparer.Ordinal);

    /// <summary>The metric's latest whole-population reading, or null.</summary>
    public MetricReading? Latest(string metricKey) => LatestReadings.GetValueOrDefault(metricKey);

    /// <summary>True when any latest value comes from the synthetic demo data set.</summary>
    public bool HasDemoValues => LatestReadings.Values.Any(r => r.IsDemo);

    /// <summary>The distinct years of the latest values, ascending.</summary>
    public IReadOnlyList<short> YearsShown => LatestReadings.Values.Select(r => r.Year).Distinct().Order().ToList();

    /// <summary>How many catalog metrics have a whole-population value.</summary>
    public int MetricsWithData => LatestReadings.Count;
}

/// <summary>Which of a county's values a page needs: all of them (the county page), one metric's, or the whole-population ones.</summary>
/// <param name="MetricKey">Only this metric's values (the metric page); null for every metric.</param>
/// <param name="WholePopulationOnly">Only the whole-population values (compare), not the subgroups'.</param>
public readonly record struct CountyValueFilter(string? MetricKey = null, bool WholePopulationOnly = false)
{
    public static CountyValueFilter Everything => default;
}

/// <summary>
/// The one read path for a county's values: the county, pillar, metric, compare and plan pages all take a
/// <see cref="CountyProfile"/> from here, so every page shows a county's numbers as the same query reads them (the
/// same demo flag, the same neighbourhood-group typing). Queries run the same on SQLite and PostgreSQL.
/// </summary>
public sealed class CountyProfileService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The framework outline from the catalog, in catalog order.</summary>
    public async Task<FrameworkOutline> GetFrameworkAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadFrameworkAsync(db, ct);
    }

    /// <summary>The county (5-digit FIPS code) or city (7 digits) and all its values, or null when there is none.</summary>
    public Task<CountyProfile?> GetAsync(string fips, CancellationToken ct = default) => GetAsync(fips, CountyValueFilter.Everything, ct);

    /// <summary>The county (5 digits) or city (7 digits) and the values the filter keeps, or null when there is none.</summary>
    public async Task<CountyProfile?> GetAsync(string fips, CountyValueFilter filter, CancellationToken ct = default) =>
        (await GetManyAsync([fips], filter, ct)).FirstOrDefault();

    /// <summary>
    /// The counties and cities that exist among <paramref name="fips"/>, in the order given (codes that are neither a
    /// county's 5 digits nor a city's 7, or name nothing, are left out), each with the values the filter keeps: one
    /// values query for all of them.
    /// </summary>
    public async Task<IReadOnlyList<CountyProfile>> GetManyAsync(IReadOnlyList<string> fips, CountyValueFilter filter, CancellationToken ct = default)
    {
        var wanted = fips.Where(f => PlaceKind.OfCode(f) is not null).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var geographies = await db.Geographies.AsNoTracking()
            .Where(g => wanted.Contains(g.Fips))
            .Select(g => new { g.Id, g.Kind, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.Historical, g.ReplacedBy })
            .ToListAsync(ct);
        // A code's length says its kind: a stray row of the other kind with the same code is not this place.
        geographies = geographies.Where(g => PlaceKind.OfCode(g.Fips)?.Kind == g.Kind).ToList();
        if (geographies.Count == 0)
        {
            return [];
        }
        var ids = geographies.Select(g => g.Id).ToList();

        var populations = await db.GeographyPopulations.AsNoTracking()
            .Where(p => ids.Contains(p.GeographyId))
            .Select(p => new
            {
                p.GeographyId,
                p.Year,
                p.Population,
                // A county's bundled figures are the demo set's (no import) or the demo import's; a city's
                // bundled figures are Urban's own list (place-populations.csv), so only the demo import is synthetic.
                IsDemo = (p.ImportId == null && db.Geographies.Any(g => g.Id == p.GeographyId && g.Kind == GeographyKind.County))
                    || db.Imports.Any(i => i.Id == p.ImportId && i.IsDemo),
            })
            .ToListAsync(ct);
        var latestPopulation = populations.GroupBy(p => p.GeographyId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Year)!);

        var query =
            from v in db.MetricValues.AsNoTracking()
            join m in db.Metrics on v.MetricId equals m.Id
            join i in db.Imports on v.ImportId equals i.Id
            where ids.Contains(v.GeographyId) && (v.Value != null || v.ValueText != null)
            select new { v.GeographyId, v.MetricId, MetricKey = m.Key, v.Year, v.SubgroupType, v.Subgroup, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, i.IsDemo };
        if (filter.MetricKey is { } metricKey)
        {
            query = query.Where(v => v.MetricKey == metricKey);
        }
        if (filter.WholePopulationOnly)
        {
            query = query.Where(v => v.SubgroupType == Subgroups.AllType);
        }
        var values = (await query.ToListAsync(ct)).ToLookup(v => v.GeographyId);
        var framework = await LoadFrameworkAsync(db, ct);

        var profiles = new List<CountyProfile>();
        foreach (var code in wanted)
        {
            var geography = geographies.FirstOrDefault(g => g.Fips == code);
            if (geography is null)
            {
                continue;
            }
            var population = latestPopulation.GetValueOrDefault(geography.Id);
            var isCounty = geography.Kind == GeographyKind.County;
            // Succession (replaced counties, Connecticut's planning regions) is a county matter.
            var replaces = !isCounty ? [] : await db.Geographies.AsNoTracking()
                .Where(g => g.Kind == GeographyKind.County && g.Historical && g.ReplacedBy != null && g.ReplacedBy.Contains(code))
                .OrderBy(g => g.Fips)
                .Select(g => new { g.Fips, g.Name, g.StateAbbr, g.ReplacedBy })
                .ToListAsync(ct);
            profiles.Add(new CountyProfile
            {
                Kind = PlaceKind.Of(geography.Kind),
                Fips = geography.Fips,
                Name = geography.Name,
                StateFips = geography.StateFips,
                StateName = geography.StateName,
                StateAbbr = geography.StateAbbr,
                Hidden = geography.Hidden,
                Historical = geography.Historical,
                ReplacedBy = isCounty ? await ResolveAsync(db, SplitCodes(geography.ReplacedBy), ct) : [],
                // Contains is a substring test: keep only the rows whose list really holds this code.
                Replaces = replaces
                    .Where(r => SplitCodes(r.ReplacedBy).Contains(code, StringComparer.Ordinal))
                    .Select(r => new GeographyLink(r.Fips, r.Name, r.StateAbbr))
                    .ToList(),
                SuccessionShares = isCounty ? await CountySuccessionShares.ForCountyAsync(db, geography.Id, ct) : [],
                Population = population?.Population,
                PopulationYear = population?.Year,
                PopulationIsDemo = population?.IsDemo ?? false,
                Framework = framework,
                // Rows stored before the importer typed neighbourhood groups by label read the same as new ones.
                Values = values[geography.Id]
                    .Select(v => new CountyValueRecord(
                        v.MetricId, v.MetricKey, v.Year,
                        v.SubgroupType == Subgroups.AllType ? v.SubgroupType : SubgroupTypes.Normalize(v.SubgroupType, v.Subgroup),
                        v.Subgroup, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.IsDemo))
                    .ToList(),
            });
        }
        return profiles;
    }

    internal static IReadOnlyList<string> SplitCodes(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? []
            : codes.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<IReadOnlyList<GeographyLink>> ResolveAsync(AppDbContext db, IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0)
        {
            return [];
        }
        var known = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && codes.Contains(g.Fips))
            .Select(g => new GeographyLink(g.Fips, g.Name, g.StateAbbr))
            .ToListAsync(ct);
        var byFips = known.ToDictionary(g => g.Fips, StringComparer.Ordinal);
        return codes.Select(c => byFips.GetValueOrDefault(c) ?? new GeographyLink(c, null, null)).ToList();
    }

    private static async Task<FrameworkOutline> LoadFrameworkAsync(AppDbContext db, CancellationToken ct)
    {
        var dimensions = await db.Dimensions.AsNoTracking()
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new DimensionOutline(d.Key, d.Name, d.Description))
            .ToListAsync(ct);
        var pillars = await db.Pillars.AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Key, p.Name, p.Description })
            .ToListAsync(ct);
        var predictors = await db.Predictors.AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.PillarId, p.Key, p.Name, p.Description })
            .ToListAsync(ct);
        var metrics = await db.Metrics.AsNoTracking()
            .OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .Select(m => new { m.PredictorId, Outline = new MetricOutline(m.Key, m.Label, m.Description, m.Unit, m.Direction, m.Retired, m.Source, m.Caveats) { Id = m.Id, SpecialValueTexts = m.SpecialValues, CompositionTexts = m.CompositionSubgroups } })
            .ToListAsync(ct);
        var metricsByPredictor = metrics.ToLookup(m => m.PredictorId, m => m.Outline);
        var predictorsByPillar = predictors.ToLookup(
            p => p.PillarId,
            p => new PredictorOutline(p.Key, p.Name, p.Description, metricsByPredictor[p.Id].ToList()));
        return new FrameworkOutline(
            dimensions,
            pillars.Select(p => new PillarOutline(p.Key, p.Name, p.Description, predictorsByPillar[p.Id].ToList())).ToList());
    }
}
