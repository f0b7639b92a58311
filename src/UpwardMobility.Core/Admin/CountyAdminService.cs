using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Admin;

public enum CountyAdminFilter
{
    All,
    Hidden,
    Historical,
    NeedsReview,
}

public sealed record AdminCountyRow(string Fips, string Name, string StateAbbr, string StateName, bool Hidden, bool Historical,
    string? ReplacedBy, bool NeedsReview);

public sealed record AdminCountyList(IReadOnlyList<AdminCountyRow> Rows, int Total);

/// <summary>A county as the admin page shows it, with the names of the counties it points to.</summary>
public sealed record AdminCountyDetail(AdminCountyRow County, IReadOnlyList<GeographyLink> ReplacedBy, IReadOnlyList<GeographyLink> Replaces)
{
    /// <summary>Tract-crosswalk shares with successors or predecessors (Connecticut, 2022), from the bundled crosswalk.</summary>
    public IReadOnlyList<SuccessionShare> SuccessionShares { get; init; } = [];
}

/// <summary>Which years hold values of each metric for one county: <see cref="Cells"/> is indexed like <see cref="Years"/>.</summary>
public sealed record CoverageRow(string MetricKey, string MetricLabel, string PillarName, bool Retired, IReadOnlyList<CoverageCell> Cells)
{
    public int Values => Cells.Sum(c => c.Values);
}

/// <param name="Values">Values of the metric in that year, every subgroup.</param>
/// <param name="HasWholePopulation">A whole-population value is among them.</param>
public readonly record struct CoverageCell(int Values, bool HasWholePopulation);

public sealed record CountyCoverage(IReadOnlyList<short> Years, IReadOnlyList<CoverageRow> Rows, int CatalogMetrics)
{
    public int MetricsWithData => Rows.Count;
}

/// <summary>
/// County administration: add, rename, hide and unhide, mark as replaced by others, and each county's data coverage.
/// Every change is audited and drops the cached county list (<see cref="CountyDirectoryService.Invalidate"/>), so lists,
/// search and pages show it at once.
/// </summary>
public sealed class CountyAdminService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, CountyDirectoryService directory)
{
    public const int MaxNameLength = 200;
    private const string EntityType = "county";

    public async Task<AdminCountyList> ListAsync(string? search, CountyAdminFilter filter, int take = 500, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counties = db.Geographies.AsNoTracking().Where(g => g.Kind == GeographyKind.County);
        counties = filter switch
        {
            CountyAdminFilter.Hidden => counties.Where(g => g.Hidden),
            CountyAdminFilter.Historical => counties.Where(g => g.Historical),
            CountyAdminFilter.NeedsReview => counties.Where(g => g.NeedsReview),
            _ => counties,
        };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var lower = text.ToLowerInvariant();
            counties = CountyText.IsDigits(text)
                ? counties.Where(g => g.Fips.StartsWith(text))
                : counties.Where(g => g.Name.ToLower().Contains(lower) || g.StateName.ToLower().Contains(lower) || g.StateAbbr.ToLower() == lower);
        }
        var total = await counties.CountAsync(ct);
        var rows = await counties.OrderBy(g => g.Fips).Take(take)
            .Select(g => new AdminCountyRow(g.Fips, g.Name, g.StateAbbr, g.StateName, g.Hidden, g.Historical, g.ReplacedBy, g.NeedsReview))
            .ToListAsync(ct);
        return new AdminCountyList(rows, total);
    }

    public async Task<AdminCountyDetail?> GetAsync(string fips, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == fips)
            .Select(g => new { g.Id, Row = new AdminCountyRow(g.Fips, g.Name, g.StateAbbr, g.StateName, g.Hidden, g.Historical, g.ReplacedBy, g.NeedsReview) })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var county = found.Row;
        var successors = SplitFips(county.ReplacedBy);
        var named = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && successors.Contains(g.Fips))
            .ToDictionaryAsync(g => g.Fips, g => new GeographyLink(g.Fips, g.Name, g.StateAbbr), ct);
        var replacedBy = successors.Select(f => named.GetValueOrDefault(f) ?? new GeographyLink(f, null, null)).ToList();
        // ReplacedBy is a short space-separated list; the few historical counties are filtered here.
        var historical = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.ReplacedBy != null && g.ReplacedBy.Contains(fips))
            .Select(g => new { g.Fips, g.Name, g.StateAbbr, g.ReplacedBy })
            .ToListAsync(ct);
        var replaces = historical.Where(h => SplitFips(h.ReplacedBy).Contains(fips))
            .Select(h => new GeographyLink(h.Fips, h.Name, h.StateAbbr)).ToList();
        return new AdminCountyDetail(county, replacedBy, replaces)
        {
            SuccessionShares = await CountySuccessionShares.ForCountyAsync(db, found.Id, ct),
        };
    }

    public async Task<AdminResult> AddAsync(string? fips, string? name, string? actor, CancellationToken ct = default)
    {
        fips = fips?.Trim() ?? "";
        if (fips.Length != 5 || !CountyText.IsDigits(fips) || fips.EndsWith("000", StringComparison.Ordinal))
        {
            return AdminResult.Refused("A county FIPS code has 5 digits: 2 for the state and 3 (not 000) for the county, like 06037.");
        }
        if (UsStates.Find(fips[..2]) is not { } state)
        {
            return AdminResult.Refused($"{fips[..2]} is not the FIPS code of a state, DC or Puerto Rico.");
        }
        if (CheckName(name) is { } problem)
        {
            return AdminResult.Refused(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Geographies.AnyAsync(g => g.Kind == GeographyKind.County && g.Fips == fips, ct))
        {
            return AdminResult.Refused($"There is already a county {fips}.");
        }
        var county = new Geography
        {
            Kind = GeographyKind.County,
            Fips = fips,
            Name = name!.Trim(),
            StateFips = state.Fips,
            StateName = state.Name,
            StateAbbr = state.Abbr,
        };
        db.Geographies.Add(county);
        audit.Add(db, actor, AuditActions.CountyAdd, EntityType, fips, after: Snapshot(county));
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return AdminResult.Done($"Added {county.Name}, {state.Name} ({fips}).");
    }

    public Task<AdminResult> RenameAsync(string fips, string? name, string? actor, CancellationToken ct = default)
    {
        if (CheckName(name) is { } problem)
        {
            return Task.FromResult(AdminResult.Refused(problem));
        }
        var newName = name!.Trim();
        return ChangeAsync(fips, actor, AuditActions.CountyRename, county =>
        {
            if (county.Name == newName && !county.NeedsReview)
            {
                return null;
            }
            var old = county.Name;
            county.Name = newName;
            county.NeedsReview = false;
            return old == newName ? $"{newName} is reviewed." : $"Renamed {old} to {newName}.";
        }, ct);
    }

    public Task<AdminResult> SetHiddenAsync(string fips, bool hidden, string? actor, CancellationToken ct = default) =>
        ChangeAsync(fips, actor, hidden ? AuditActions.CountyHide : AuditActions.CountyUnhide, county =>
        {
            if (county.Hidden == hidden)
            {
                return null;
            }
            county.Hidden = hidden;
            return hidden
                ? $"{county.Name} is hidden: it keeps its data and its page, but is left out of lists and search."
                : $"{county.Name} is shown in lists and search again.";
        }, ct);

    /// <summary>
    /// Marks the county as historical (or current again) and names the counties that replaced it (space- or
    /// comma-separated FIPS codes of existing counties). Naming successors makes it historical.
    /// </summary>
    public async Task<AdminResult> SetSuccessionAsync(string fips, bool historical, string? replacedBy, string? actor, CancellationToken ct = default)
    {
        var successors = SplitFips(replacedBy);
        var bad = successors.Where(s => CountyText.NormalizeCountyFips(s) != s).ToList();
        if (bad.Count > 0)
        {
            return AdminResult.Refused($"Not a 5-digit county FIPS code: {string.Join(", ", bad)}.");
        }
        if (successors.Contains(fips))
        {
            return AdminResult.Refused("A county cannot be replaced by itself.");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = await db.Geographies.Where(g => g.Kind == GeographyKind.County && successors.Contains(g.Fips)).Select(g => g.Fips).ToListAsync(ct);
            var unknown = successors.Except(known).ToList();
            if (unknown.Count > 0)
            {
                return AdminResult.Refused($"No county has the code {string.Join(", ", unknown)}: add it first.");
            }
        }
        historical |= successors.Count > 0;
        var value = successors.Count == 0 ? null : string.Join(' ', successors);
        return await ChangeAsync(fips, actor, AuditActions.CountySuccession, county =>
        {
            if (county.Historical == historical && county.ReplacedBy == value)
            {
                return null;
            }
            county.Historical = historical;
            county.ReplacedBy = value;
            return (historical, value) switch
            {
                (true, { } list) => $"{county.Name} is marked as replaced by {list}; its page points there.",
                (true, null) => $"{county.Name} is marked as a former county.",
                _ => $"{county.Name} is a current county again.",
            };
        }, ct);
    }

    /// <summary>Metrics × years: how many values the county has, every metric with at least one, in catalog order.</summary>
    public async Task<CountyCoverage?> CoverageAsync(string fips, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = (await GeographyLookup.FindCountyAsync(db, fips, ct))?.Id;
        if (id is null)
        {
            return null;
        }
        var counts = await db.MetricValues.AsNoTracking()
            .Where(v => v.GeographyId == id)
            .GroupBy(v => new { v.MetricId, v.Year })
            .Select(g => new { g.Key.MetricId, g.Key.Year, Values = g.Count(), All = g.Count(v => v.SubgroupType == Subgroups.AllType) })
            .ToListAsync(ct);
        var metrics = await db.Metrics.AsNoTracking()
            .OrderBy(m => m.Predictor!.Pillar!.SortOrder).ThenBy(m => m.Predictor!.SortOrder).ThenBy(m => m.SortOrder)
            .Select(m => new { m.Id, m.Key, m.Label, m.Retired, Pillar = m.Predictor!.Pillar!.Name })
            .ToListAsync(ct);
        var years = counts.Select(c => c.Year).Distinct().Order().ToList();
        var byMetric = counts.ToLookup(c => c.MetricId);
        var rows = new List<CoverageRow>();
        foreach (var metric in metrics.Where(m => byMetric.Contains(m.Id)))
        {
            var cells = years.Select(y => byMetric[metric.Id].FirstOrDefault(c => c.Year == y) is { } c
                ? new CoverageCell(c.Values, c.All > 0)
                : default).ToList();
            rows.Add(new CoverageRow(metric.Key, metric.Label, metric.Pillar, metric.Retired, cells));
        }
        return new CountyCoverage(years, rows, metrics.Count);
    }

    private async Task<AdminResult> ChangeAsync(string fips, string? actor, string action, Func<Geography, string?> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var county = await db.Geographies.FirstOrDefaultAsync(g => g.Kind == GeographyKind.County && g.Fips == fips, ct);
        if (county is null)
        {
            return AdminResult.Refused($"There is no county {fips}.");
        }
        var before = Snapshot(county);
        var message = change(county);
        if (message is null)
        {
            return AdminResult.Done("Nothing to change.");
        }
        audit.Add(db, actor, action, EntityType, fips, before, Snapshot(county));
        await db.SaveChangesAsync(ct);
        directory.Invalidate();
        return AdminResult.Done(message);
    }

    private static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Enter the county's name, e.g. \"Los Angeles County\"."
        : name.Trim().Length > MaxNameLength ? $"A county name has at most {MaxNameLength} characters."
        : null;

    /// <summary>FIPS codes from a space- or comma-separated list, in order, without repeats.</summary>
    public static List<string> SplitFips(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split([' ', ',', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static object Snapshot(Geography g) => new { g.Fips, g.Name, g.StateAbbr, g.Hidden, g.Historical, g.ReplacedBy, g.NeedsReview };
}
