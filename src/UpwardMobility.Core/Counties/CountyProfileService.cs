using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Counties;

/// <summary>The framework as the catalog in the database holds it: dimensions, then pillars → predictors → metrics.</summary>
public sealed record FrameworkOutline(IReadOnlyList<DimensionOutline> Dimensions, IReadOnlyList<PillarOutline> Pillars);

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
    string Caveats);

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
    bool IsDemo);

/// <summary>A metric of the catalog and the county's latest reading of it (null: no data published).</summary>
public sealed record MetricProfile(MetricOutline Metric, MetricReading? Reading)
{
    public bool HasData => Reading is not null;
}

public sealed record PredictorProfile(string Key, string Name, string Description, IReadOnlyList<MetricProfile> Metrics)
{
    public bool HasData => Metrics.Any(m => m.HasData);
}

public sealed record PillarProfile(string Key, string Name, string Description, IReadOnlyList<PredictorProfile> Predictors)
{
    public string Anchor => "pillar-" + Key;

    public bool HasData => Predictors.Any(p => p.HasData);
}

/// <summary>What the county page shows: the county, its population and every metric's latest whole-population value.</summary>
public sealed record CountyProfile
{
    public required string Fips { get; init; }
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

    /// <summary>True when any value shown comes from the synthetic demo data set.</summary>
    public bool HasDemoValues { get; init; }

    /// <summary>The distinct years of the values shown, ascending.</summary>
    public IReadOnlyList<short> YearsShown { get; init; } = [];

    /// <summary>Every pillar and predictor of the catalog; retired metrics only where they have a value.</summary>
    public IReadOnlyList<PillarProfile> Pillars { get; init; } = [];

    public int MetricsWithData => Pillars.Sum(p => p.Predictors.Sum(q => q.Metrics.Count(m => m.HasData)));
}

/// <summary>Reads the framework outline and a county's profile. Queries run the same on SQLite and PostgreSQL.</summary>
public sealed class CountyProfileService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The framework outline from the catalog, in catalog order.</summary>
    public async Task<FrameworkOutline> GetFrameworkAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadFrameworkAsync(db, ct);
    }

    /// <summary>The county with this 5-digit FIPS code and its latest values, or null when there is none.</summary>
    public async Task<CountyProfile?> GetAsync(string fips, CancellationToken ct = default)
    {
        if (fips is not { Length: 5 } || !CountyText.IsDigits(fips))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var geography = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == fips)
            .Select(g => new { g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.Historical, g.ReplacedBy })
            .FirstOrDefaultAsync(ct);
        if (geography is null)
        {
            return null;
        }

        var population = await db.GeographyPopulations.AsNoTracking()
            .Where(p => p.GeographyId == geography.Id)
            .OrderByDescending(p => p.Year)
            .Select(p => new
            {
                p.Year,
                p.Population,
                // The bundled demo figures carry no import, or the demo import.
                IsDemo = p.ImportId == null || db.Imports.Any(i => i.Id == p.ImportId && i.IsDemo),
            })
            .FirstOrDefaultAsync(ct);

        var values = await (
                from v in db.MetricValues.AsNoTracking()
                join m in db.Metrics on v.MetricId equals m.Id
                join i in db.Imports on v.ImportId equals i.Id
                where v.GeographyId == geography.Id
                    && v.SubgroupType == Subgroups.AllType
                    && (v.Value != null || v.ValueText != null)
                select new { MetricKey = m.Key, v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, i.IsDemo })
            .ToListAsync(ct);
        // Each metric's latest year with a value (a few hundred rows at most: cheaper to pick here than in SQL).
        var latest = values
            .GroupBy(v => v.MetricKey, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(v => v.Year)
                    .Select(v => new MetricReading(v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText, v.IsDemo))
                    .First(),
                StringComparer.Ordinal);

        var framework = await LoadFrameworkAsync(db, ct);
        var pillars = framework.Pillars
            .Select(p => new PillarProfile(p.Key, p.Name, p.Description, p.Predictors
                .Select(q => new PredictorProfile(q.Key, q.Name, q.Description, q.Metrics
                    .Select(m => new MetricProfile(m, latest.GetValueOrDefault(m.Key)))
                    .Where(m => m.HasData || !m.Metric.Retired)
                    .ToList()))
                .ToList()))
            .ToList();

        var replacedBy = await ResolveAsync(db, SplitCodes(geography.ReplacedBy), ct);
        var replaces = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Historical && g.ReplacedBy != null && g.ReplacedBy.Contains(fips))
            .OrderBy(g => g.Fips)
            .Select(g => new { g.Fips, g.Name, g.StateAbbr, g.ReplacedBy })
            .ToListAsync(ct);

        var shown = latest.Values.ToList();
        return new CountyProfile
        {
            Fips = geography.Fips,
            Name = geography.Name,
            StateFips = geography.StateFips,
            StateName = geography.StateName,
            StateAbbr = geography.StateAbbr,
            Hidden = geography.Hidden,
            Historical = geography.Historical,
            ReplacedBy = replacedBy,
            // Contains is a substring test: keep only the rows whose list really holds this code.
            Replaces = replaces
                .Where(r => SplitCodes(r.ReplacedBy).Contains(fips, StringComparer.Ordinal))
                .Select(r => new GeographyLink(r.Fips, r.Name, r.StateAbbr))
                .ToList(),
            SuccessionShares = await CountySuccessionShares.ForCountyAsync(db, geography.Id, ct),
            Population = population?.Population,
            PopulationYear = population?.Year,
            PopulationIsDemo = population?.IsDemo ?? false,
            HasDemoValues = shown.Any(r => r.IsDemo),
            YearsShown = shown.Select(r => r.Year).Distinct().Order().ToList(),
            Pillars = pillars,
        };
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
            .Select(m => new { m.PredictorId, Outline = new MetricOutline(m.Key, m.Label, m.Description, m.Unit, m.Direction, m.Retired, m.Source, m.Caveats) })
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
