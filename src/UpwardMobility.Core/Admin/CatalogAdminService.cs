using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Admin;

public sealed record AdminMetricRow(string Key, string Label, string PillarName, string PredictorName, MetricUnit Unit,
    MetricDirection Direction, bool Retired, bool Customized, int AliasCount);

/// <summary>A predictor a metric can be assigned to, with its pillar.</summary>
public sealed record PredictorChoice(string Key, string Name, string PillarName);

/// <summary>The editable fields of a metric. <see cref="Aliases"/> is one alias per line (or space/comma separated).</summary>
public sealed class MetricEdit
{
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public MetricUnit Unit { get; set; }
    public MetricDirection Direction { get; set; }
    public string? Aliases { get; set; }
    public string PredictorKey { get; set; } = "";
    public bool Retired { get; set; }
}

public sealed record AdminMetricDetail(string Key, MetricEdit Edit, bool Customized, string Source, IReadOnlyList<PredictorChoice> Predictors);

/// <summary>
/// Catalog administration: a metric's label, description, direction, unit, aliases, predictor (and so pillar), retired flag.
/// An edit sets <see cref="Metric.Customized"/> so the start-up catalog sync keeps it. Pages and the importer read the
/// catalog from the database, so an edit shows at once.
/// </summary>
public sealed partial class CatalogAdminService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public const int MaxLabelLength = 200;
    public const int MaxDescriptionLength = 4000;

    public async Task<IReadOnlyList<AdminMetricRow>> ListAsync(string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var metrics = await db.Metrics.AsNoTracking()
            .OrderBy(m => m.Predictor!.Pillar!.SortOrder).ThenBy(m => m.Predictor!.SortOrder).ThenBy(m => m.SortOrder)
            .Select(m => new { m.Key, m.Label, Pillar = m.Predictor!.Pillar!.Name, Predictor = m.Predictor!.Name, m.Unit, m.Direction, m.Retired, m.Customized, m.Aliases })
            .ToListAsync(ct);
        var rows = metrics.Select(m => new AdminMetricRow(m.Key, m.Label, m.Pillar, m.Predictor, m.Unit, m.Direction, m.Retired, m.Customized, m.Aliases.Count));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            rows = rows.Where(r => r.Key.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Label.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.PillarName.Contains(text, StringComparison.OrdinalIgnoreCase) || r.PredictorName.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        return rows.ToList();
    }

    public async Task<AdminMetricDetail?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var metric = await db.Metrics.AsNoTracking().Include(m => m.Predictor).FirstOrDefaultAsync(m => m.Key == key, ct);
        if (metric is null)
        {
            return null;
        }
        var edit = new MetricEdit
        {
            Label = metric.Label,
            Description = metric.Description,
            Unit = metric.Unit,
            Direction = metric.Direction,
            Aliases = string.Join('\n', metric.Aliases),
            PredictorKey = metric.Predictor!.Key,
            Retired = metric.Retired,
        };
        return new AdminMetricDetail(metric.Key, edit, metric.Customized, metric.Source, await PredictorsAsync(db, ct));
    }

    public async Task<AdminResult> UpdateAsync(string key, MetricEdit edit, string? actor, CancellationToken ct = default)
    {
        var label = edit.Label?.Trim() ?? "";
        if (label.Length == 0)
        {
            return AdminResult.Refused("Enter a label.");
        }
        if (label.Length > MaxLabelLength)
        {
            return AdminResult.Refused($"A label has at most {MaxLabelLength} characters.");
        }
        var description = edit.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength)
        {
            return AdminResult.Refused($"A description has at most {MaxDescriptionLength:N0} characters.");
        }
        if (!Enum.IsDefined(edit.Unit) || !Enum.IsDefined(edit.Direction))
        {
            return AdminResult.Refused("Choose a unit and a direction from the lists.");
        }
        var aliases = SplitAliases(edit.Aliases);
        if (aliases.FirstOrDefault(a => !VariableName().IsMatch(a)) is { } badAlias)
        {
            return AdminResult.Refused($"\"{badAlias}\" is not a column name: use letters, digits and underscores, as in the CSV header.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var metric = await db.Metrics.Include(m => m.Predictor).ThenInclude(p => p!.Pillar).FirstOrDefaultAsync(m => m.Key == key, ct);
        if (metric is null)
        {
            return AdminResult.Refused($"There is no metric {key}.");
        }
        var predictor = await db.Predictors.Include(p => p.Pillar).FirstOrDefaultAsync(p => p.Key == edit.PredictorKey, ct);
        if (predictor is null)
        {
            return AdminResult.Refused("Choose a predictor from the list.");
        }
        // An alias is a column name the importer maps to this metric: it must not name another metric.
        var others = await db.Metrics.AsNoTracking().Where(m => m.Id != metric.Id).Select(m => new { m.Key, m.Aliases }).ToListAsync(ct);
        foreach (var alias in aliases)
        {
            if (alias.Equals(metric.Key, StringComparison.OrdinalIgnoreCase))
            {
                return AdminResult.Refused($"\"{alias}\" is the metric's own key; an alias is another name for it.");
            }
            if (others.FirstOrDefault(o => o.Key.Equals(alias, StringComparison.OrdinalIgnoreCase)
                || o.Aliases.Contains(alias, StringComparer.OrdinalIgnoreCase)) is { } clash)
            {
                return AdminResult.Refused($"\"{alias}\" already names the metric {clash.Key}: an import could not tell them apart.");
            }
        }

        var before = Snapshot(metric);
        metric.Label = label;
        metric.Description = description;
        metric.Unit = edit.Unit;
        metric.Direction = edit.Direction;
        if (!metric.Aliases.SequenceEqual(aliases, StringComparer.Ordinal))
        {
            metric.Aliases = aliases; // a new list, so EF Core sees the change
        }
        if (metric.PredictorId != predictor.Id)
        {
            metric.Predictor = predictor;
            metric.PredictorId = predictor.Id;
        }
        metric.Retired = edit.Retired;
        var after = Snapshot(metric);
        if (AuditLog.ToJson(before) == AuditLog.ToJson(after))
        {
            return AdminResult.Done("Nothing to change.");
        }
        metric.Customized = true;
        audit.Add(db, actor, AuditActions.MetricEdit, "metric", key, before, after);
        await db.SaveChangesAsync(ct);
        return AdminResult.Done($"Saved {label} ({key}). The change shows on every page now and is kept when the catalog file is loaded again.");
    }

    private static async Task<IReadOnlyList<PredictorChoice>> PredictorsAsync(AppDbContext db, CancellationToken ct) =>
        await db.Predictors.AsNoTracking()
            .OrderBy(p => p.Pillar!.SortOrder).ThenBy(p => p.SortOrder)
            .Select(p => new PredictorChoice(p.Key, p.Name, p.Pillar!.Name))
            .ToListAsync(ct);

    public static List<string> SplitAliases(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([' ', ',', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static object Snapshot(Metric m) => new
    {
        m.Key,
        m.Label,
        m.Description,
        m.Unit,
        m.Direction,
        Aliases = m.Aliases.ToList(),
        Predictor = m.Predictor?.Key,
        Pillar = m.Predictor?.Pillar?.Key,
        m.Retired,
    };

    [GeneratedRegex("^[A-Za-z0-9_]{1,100}$")]
    private static partial Regex VariableName();
}
