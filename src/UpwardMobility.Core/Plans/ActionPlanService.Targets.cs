using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

public sealed partial class ActionPlanService
{
    /// <summary>How far ahead a target year may be.</summary>
    public const int MaxYearsAhead = 50;

    /// <summary>
    /// Adds a target; its baseline (year, value, interval, quality) is taken from the county's data: the year asked for,
    /// else the latest year with a value. A target that does not improve on the baseline needs
    /// <see cref="TargetInput.ConfirmDirection"/>; without it the result asks for confirmation and nothing is saved.
    /// </summary>
    public async Task<PlanResult> AddTargetAsync(ClaimsPrincipal user, string fips, TargetInput input, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = input.MetricKey?.Trim() ?? "";
        var metric = await MetricAsync(db, key, ct);
        if (metric is null)
        {
            return PlanResult.Refused(key.Length == 0 ? "Choose the metric the target is on." : $"There is no metric '{key}' in the catalog.");
        }
        var kind = input.Kind == PlanTargetKind.Gap ? PlanTargetKind.Gap : PlanTargetKind.Value;
        var (type, subgroup, second, groupProblem) = Groups(kind, input);
        if (groupProblem is not null)
        {
            return PlanResult.Refused(groupProblem);
        }
        if (kind == PlanTargetKind.Gap && !MetricRules.GroupsHaveGaps(metric.Outline, type))
        {
            return PlanResult.Refused(NoGapMessage(metric.Outline, type, county.Kind));
        }
        var values = await ValuesAsync(county.Fips, new CountyValueFilter(MetricKey: metric.Key), [metric.Id], ct);
        var series = Series(values, metric.Id, kind, type, subgroup, second);
        var subject = PlanWords.Subject(kind, type, subgroup, second, county.Kind);
        if (series.Count == 0)
        {
            return PlanResult.Refused(NoDataMessage(county, metric, kind, type, subgroup, second, values));
        }
        PlanReading? baseline = input.BaselineYear is { } wanted ? series.FirstOrDefault(r => r.Year == wanted) : series[^1];
        if (baseline is null)
        {
            return PlanResult.Refused($"{county.Name} has no value of {metric.Label} ({subject}) for {input.BaselineYear}: " +
                $"choose one of {string.Join(", ", series.Select(r => r.Year.ToString(CultureInfo.InvariantCulture)))}, or leave the baseline year empty for the latest.");
        }
        var problem = CheckTargetValue(metric, kind, input.TargetValue)
            ?? CheckTargetYear(input.TargetYear, baseline.Year, changed: true)
            ?? CheckTexts(input);
        if (problem is not null)
        {
            return PlanResult.Refused(problem);
        }
        var target = input.TargetValue!.Value;
        var improves = TargetProgress.ImprovesOnBaseline(metric.Direction, kind, baseline.Value, target);
        if (!improves && !input.ConfirmDirection)
        {
            return PlanResult.Confirm(WrongDirectionMessage(metric, kind, baseline, target));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = Actor(user);
        var entity = new PlanTarget
        {
            GeographyId = county.GeographyId,
            MetricId = metric.Id,
            Kind = kind,
            SubgroupType = type,
            Subgroup = subgroup,
            SecondSubgroup = second,
            BaselineYear = baseline.Year,
            BaselineValue = baseline.Value,
            BaselineLowerBound = baseline.LowerBound,
            BaselineUpperBound = baseline.UpperBound,
            BaselineQuality = baseline.Quality,
            TargetValue = target,
            TargetYear = input.TargetYear!.Value,
            Owner = Clean(input.Owner),
            Strategy = Clean(input.Strategy),
            DirectionConfirmed = !improves,
            CreatedBy = actor,
            CreatedAtUtc = now,
            UpdatedBy = actor,
            UpdatedAtUtc = now,
            Version = 1,
        };
        // The audit entry names the target by its id, known only after the insert: one transaction for both.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PlanTargets.Add(entity);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, AuditActions.PlanTargetAdd, TargetEntity, TargetKey(county, entity.Id), after: Snapshot(county, metric.Key, entity));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return PlanResult.Done($"Added the target on {metric.Label} ({subject}): baseline {PlanWords.FormatValue(baseline.Value, kind, metric.Unit)} in {baseline.Year}.", entity.Id);
    }

    /// <summary>
    /// Changes a target's value, year, owner and strategy. The metric, groups and baseline stay: they define the target
    /// (remove it and add another to change them). A stale <see cref="TargetInput.Version"/> is refused.
    /// </summary>
    public async Task<PlanResult> UpdateTargetAsync(ClaimsPrincipal user, string fips, int id, TargetInput input, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == id && t.GeographyId == county.GeographyId, ct);
        if (entity is null)
        {
            return PlanResult.Refused("This target is no longer in the plan.");
        }
        var metric = (await MetricAsync(db, entity.MetricId, ct))!;
        var baseline = new PlanReading(entity.BaselineYear, entity.BaselineValue, entity.BaselineLowerBound, entity.BaselineUpperBound, entity.BaselineQuality);
        var problem = CheckTargetValue(metric, entity.Kind, input.TargetValue)
            ?? CheckTargetYear(input.TargetYear, baseline.Year, changed: input.TargetYear != entity.TargetYear)
            ?? CheckTexts(input);
        if (problem is not null)
        {
            return PlanResult.Refused(problem);
        }
        var target = input.TargetValue!.Value;
        var improves = TargetProgress.ImprovesOnBaseline(metric.Direction, entity.Kind, baseline.Value, target);
        if (!improves && !input.ConfirmDirection)
        {
            return PlanResult.Confirm(WrongDirectionMessage(metric, entity.Kind, baseline, target));
        }
        var before = Snapshot(county, metric.Key, entity);
        var unchanged = entity.TargetValue.Equals(target) && entity.TargetYear == input.TargetYear
            && entity.Owner == Clean(input.Owner) && entity.Strategy == Clean(input.Strategy);
        if (unchanged)
        {
            return PlanResult.Done("Nothing to change.", id);
        }
        db.Entry(entity).Property(t => t.Version).OriginalValue = input.Version;
        entity.TargetValue = target;
        entity.TargetYear = input.TargetYear!.Value;
        entity.Owner = Clean(input.Owner);
        entity.Strategy = Clean(input.Strategy);
        entity.DirectionConfirmed = !improves;
        entity.Version = input.Version + 1;
        entity.UpdatedBy = Actor(user);
        entity.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        audit.Add(db, entity.UpdatedBy, AuditActions.PlanTargetEdit, TargetEntity, TargetKey(county, id), before, Snapshot(county, metric.Key, entity));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale($"the target on {metric.Label}");
        }
        return PlanResult.Done($"Saved the target on {metric.Label}.", id);
    }

    public async Task<PlanResult> RemoveTargetAsync(ClaimsPrincipal user, string fips, int id, CancellationToken ct = default)
    {
        var (county, refusal) = await AuthorizeAsync(user, fips, ct);
        if (county is null)
        {
            return refusal!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == id && t.GeographyId == county.GeographyId, ct);
        if (entity is null)
        {
            return PlanResult.Refused("This target is no longer in the plan.");
        }
        var metric = (await MetricAsync(db, entity.MetricId, ct))!;
        db.PlanTargets.Remove(entity);
        audit.Add(db, Actor(user), AuditActions.PlanTargetRemove, TargetEntity, TargetKey(county, id), before: Snapshot(county, metric.Key, entity));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlanResult.Refused("This target is no longer in the plan.");
        }
        return PlanResult.Done($"Removed the target on {metric.Label}.");
    }

    private sealed record MetricFacts(int Id, string Key, string Label, MetricUnit Unit, MetricDirection Direction, double? ValidMin, double? ValidMax)
    {
        public List<string> Compositions { get; init; } = [];

        /// <summary>What the rules need to know of the metric (<see cref="MetricRules"/>).</summary>
        public MetricOutline Outline => new(Key, Label, "", Unit, Direction, false, "", "") { Id = Id, CompositionTexts = Compositions };
    }

    /// <summary>Why two groups of the metric make no gap target: a count, or a composition (<see cref="MetricRules.GroupsHaveGaps"/>).</summary>
    private static string NoGapMessage(MetricOutline metric, string type, Geographies.PlaceKind place) =>
        metric.CompositionOf(type) is { } whole
            ? $"The groups of {metric.Label} are shares of the {place.Singular}'s {whole}, not rates within each group, so two of them make no gap: set a value target on one group instead."
            : $"{metric.Label} is a count, which follows each group's size, so two groups' counts make no gap: set the target on a share or rate, or a value target on one group.";

    private static Task<MetricFacts?> MetricAsync(AppDbContext db, string key, CancellationToken ct) =>
        db.Metrics.AsNoTracking().Where(m => m.Key == key)
            .Select(m => new MetricFacts(m.Id, m.Key, m.Label, m.Unit, m.Direction, m.ValidMin, m.ValidMax) { Compositions = m.CompositionSubgroups }).FirstOrDefaultAsync(ct);

    private static Task<MetricFacts?> MetricAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Metrics.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new MetricFacts(m.Id, m.Key, m.Label, m.Unit, m.Direction, m.ValidMin, m.ValidMax) { Compositions = m.CompositionSubgroups }).FirstOrDefaultAsync(ct);

    /// <summary>The groups of the target, normalised: the whole county for value targets without a group.</summary>
    private static (string Type, string Subgroup, string? Second, string? Problem) Groups(PlanTargetKind kind, TargetInput input)
    {
        var subgroup = string.IsNullOrWhiteSpace(input.Subgroup) ? Subgroups.All : input.Subgroup.Trim();
        var type = string.IsNullOrWhiteSpace(input.SubgroupType) ? Subgroups.AllType : SubgroupTypes.Normalize(input.SubgroupType, subgroup);
        if (type == Subgroups.AllType)
        {
            subgroup = Subgroups.All;
        }
        if (kind == PlanTargetKind.Value)
        {
            return (type, subgroup, null, null);
        }
        var second = input.SecondSubgroup?.Trim();
        var secondType = string.IsNullOrWhiteSpace(input.SecondSubgroupType) ? type : SubgroupTypes.Normalize(input.SecondSubgroupType, second ?? "");
        if (type == Subgroups.AllType || string.IsNullOrEmpty(second) || secondType == Subgroups.AllType)
        {
            return (type, subgroup, second, "A gap target needs two groups of people, e.g. two race/ethnicity groups: choose both.");
        }
        if (secondType != type)
        {
            return (type, subgroup, second, $"A gap compares two groups of the same kind: {subgroup} is a {type} group, {second} a {secondType} group.");
        }
        if (string.Equals(second, subgroup, StringComparison.OrdinalIgnoreCase))
        {
            return (type, subgroup, second, $"A gap needs two different groups: you chose {subgroup} twice.");
        }
        return (type, subgroup, second, null);
    }

    private static string NoDataMessage(PlanCounty county, MetricFacts metric, PlanTargetKind kind, string type, string subgroup, string? second,
        List<ValueRow> values)
    {
        if (values.Count == 0)
        {
            return $"{county.Name} has no published values of {metric.Label}: a target needs a baseline from the data. Choose another metric.";
        }
        var groups = values.Where(v => v.SubgroupType == type).Select(v => v.Subgroup).ToHashSet(StringComparer.Ordinal);
        var missing = new[] { subgroup, second }.OfType<string>().Where(g => !groups.Contains(g)).ToList();
        if (kind == PlanTargetKind.Gap && missing.Count == 0)
        {
            return $"{county.Name} has no year in which both {subgroup} and {second} have a value of {metric.Label}: a gap needs both.";
        }
        var available = values.Where(v => v.SubgroupType != Subgroups.AllType).Select(v => $"{v.Subgroup} ({v.SubgroupType})").Distinct().Order().ToList();
        return $"{county.Name} has no published values of {metric.Label} for {string.Join(" or ", missing)}" +
            (available.Count == 0 ? $", nor for any group: set the target on the whole {county.Kind.Singular}." : $". Groups with values: {string.Join(", ", available)}.");
    }

    private static string? CheckTargetValue(MetricFacts metric, PlanTargetKind kind, double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return $"Enter the target value ({PlanWords.InputUnit(metric.Unit, kind)}).";
        }
        if (kind == PlanTargetKind.Value)
        {
            if ((metric.ValidMin is { } min && v < min) || (metric.ValidMax is { } max && v > max))
            {
                return $"{metric.Label} runs from {MetricFormatter.Format(metric.ValidMin ?? double.NegativeInfinity, metric.Unit)} " +
                    $"to {MetricFormatter.Format(metric.ValidMax ?? double.PositiveInfinity, metric.Unit)}: the target {MetricFormatter.Format(v, metric.Unit)} is outside.";
            }
        }
        else if (metric.ValidMin is { } min && metric.ValidMax is { } max && Math.Abs(v) > max - min)
        {
            return $"A gap in {metric.Label} cannot be wider than {PlanWords.FormatValue(max - min, kind, metric.Unit)}.";
        }
        return null;
    }

    private string? CheckTargetYear(short? year, short baselineYear, bool changed)
    {
        if (year is not { } y)
        {
            return "Enter the year by which the target should be reached.";
        }
        var now = CurrentYear;
        if (changed && y < now)
        {
            return $"The target year {y} is in the past: choose {now} or later.";
        }
        if (y <= baselineYear)
        {
            return $"The target year must come after the baseline year ({baselineYear}).";
        }
        return y > now + MaxYearsAhead ? $"Choose a target year within {MaxYearsAhead} years ({now + MaxYearsAhead} at the latest)." : null;
    }

    private static string? CheckTexts(TargetInput input) =>
        input.Owner?.Trim().Length > PlanModel.OwnerLength ? $"Keep the owner under {PlanModel.OwnerLength} characters."
        : input.Strategy?.Trim().Length > PlanModel.StrategyLength ? $"Keep the strategy note under {PlanModel.StrategyLength} characters."
        : null;

    private static string WrongDirectionMessage(MetricFacts metric, PlanTargetKind kind, PlanReading baseline, double target)
    {
        var t = PlanWords.FormatValue(target, kind, metric.Unit);
        var b = $"{PlanWords.FormatValue(baseline.Value, kind, metric.Unit)} in {baseline.Year}";
        var what = (kind, metric.Direction) switch
        {
            (PlanTargetKind.Gap, _) => $"The target gap ({t}) is not narrower than the baseline gap ({b}).",
            (_, MetricDirection.Up) => $"Higher is better for {metric.Label}, but the target ({t}) is not above the baseline ({b}).",
            (_, MetricDirection.Down) => $"Lower is better for {metric.Label}, but the target ({t}) is not below the baseline ({b}).",
            (_, MetricDirection.Parity) => $"The target ({t}) is not closer to parity (1.0) than the baseline ({b}).",
            _ => $"The target ({t}) is the baseline ({b}).",
        };
        return what + " Tick the confirmation box to keep it as a \"hold the line\" target (met while the value stays on the right side of it), or change the value.";
    }

    private static string TargetKey(PlanCounty county, int id) => $"{county.Fips}/target-{id.ToString(CultureInfo.InvariantCulture)}";

    private static object Snapshot(PlanCounty county, string metricKey, PlanTarget t) => new
    {
        county.Fips,
        Metric = metricKey,
        t.Kind,
        t.SubgroupType,
        t.Subgroup,
        t.SecondSubgroup,
        t.BaselineYear,
        t.BaselineValue,
        t.BaselineLowerBound,
        t.BaselineUpperBound,
        t.BaselineQuality,
        t.TargetValue,
        t.TargetYear,
        t.Owner,
        t.Strategy,
        t.DirectionConfirmed,
        t.Version,
    };
}
