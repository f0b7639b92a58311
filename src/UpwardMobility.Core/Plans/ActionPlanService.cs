using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Accounts;
using UpwardMobility.Core.Audit;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

/// <summary>
/// Mobility action plans: reads a county's plan with every target's progress from the latest data, and changes it
/// for the people allowed to (<see cref="PlannerAccess"/>: Planners of the county, and admins). Every change is
/// audited in the same transaction. A singleton over <see cref="IDbContextFactory{TContext}"/>; queries run the same
/// on SQLite and PostgreSQL.
/// </summary>
public sealed partial class ActionPlanService(
    IDbContextFactory<AppDbContext> dbFactory, CountyProfileService profiles, PlannerAccess access, AuditLog audit, TimeProvider time)
{
    public const string PriorityEntity = "plan-priority";
    public const string TargetEntity = "plan-target";

    /// <summary>The current calendar year (UTC): targets may not end before it.</summary>
    public short CurrentYear => (short)time.GetUtcNow().Year;

    /// <summary>The county's plan, or null when there is no such county. Anyone may read it.</summary>
    public async Task<ActionPlan?> GetPlanAsync(string fips, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var county = await FindCountyAsync(db, fips, ct);
        if (county is null)
        {
            return null;
        }
        var priorities = await (
                from p in db.PlanPriorities.AsNoTracking()
                join q in db.Predictors on p.PredictorId equals q.Id
                join pillar in db.Pillars on q.PillarId equals pillar.Id
                where p.GeographyId == county.GeographyId
                orderby pillar.SortOrder, pillar.Id, q.SortOrder, q.Id
                select new PlanPriorityView(p.Id, q.Key, q.Name, pillar.Key, pillar.Name, p.Rationale, p.UpdatedBy, p.UpdatedAtUtc, p.Version))
            .ToListAsync(ct);
        var targets = await (
                from t in db.PlanTargets.AsNoTracking()
                join m in db.Metrics on t.MetricId equals m.Id
                join q in db.Predictors on m.PredictorId equals q.Id
                join pillar in db.Pillars on q.PillarId equals pillar.Id
                where t.GeographyId == county.GeographyId
                orderby pillar.SortOrder, pillar.Id, q.SortOrder, q.Id, m.SortOrder, m.Id, t.Id
                select new
                {
                    Target = t,
                    Outline = new MetricOutline(m.Key, m.Label, m.Description, m.Unit, m.Direction, m.Retired, m.Source, m.Caveats) { SpecialValueTexts = m.SpecialValues, CompositionTexts = m.CompositionSubgroups },
                    PredictorKey = q.Key,
                    PredictorName = q.Name,
                    PillarName = pillar.Name,
                })
            .ToListAsync(ct);

        var metricIds = targets.Select(t => t.Target.MetricId).Distinct().ToList();
        var values = metricIds.Count == 0 ? [] : await ValuesAsync(county.Fips, CountyValueFilter.Everything, metricIds, ct);
        var views = targets.Select(row =>
        {
            var t = row.Target;
            var series = Series(values, t.MetricId, t.Kind, t.SubgroupType, t.Subgroup, t.SecondSubgroup);
            var baseline = new PlanReading(t.BaselineYear, t.BaselineValue, t.BaselineLowerBound, t.BaselineUpperBound, t.BaselineQuality);
            var progress = TargetProgress.Evaluate(
                new TargetSpec(row.Outline.Direction, t.Kind, baseline, t.TargetValue, t.TargetYear),
                series.Count == 0 ? null : series[^1]);
            return new PlanTargetView(t.Id, row.Outline, row.PredictorKey, row.PredictorName, t.Kind, t.SubgroupType, t.Subgroup, t.SecondSubgroup,
                baseline, t.TargetValue, t.TargetYear, t.Owner, t.Strategy, t.DirectionConfirmed, t.UpdatedBy, t.UpdatedAtUtc, t.Version,
                series, progress)
            { Place = county.Kind, PillarName = row.PillarName };
        }).ToList();
        return new ActionPlan(county, priorities, views, values.Any(v => v.IsDemo));
    }

    /// <summary>What the forms offer for the county: predictors, and the metrics, groups and years with data.</summary>
    public async Task<PlanChoices?> GetChoicesAsync(string fips, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var county = await FindCountyAsync(db, fips, ct);
        if (county is null)
        {
            return null;
        }
        var predictors = await (
                from q in db.Predictors.AsNoTracking()
                join pillar in db.Pillars on q.PillarId equals pillar.Id
                orderby pillar.SortOrder, pillar.Id, q.SortOrder, q.Id
                select new PredictorChoice(q.Key, q.Name, pillar.Name))
            .ToListAsync(ct);
        var profile = await profiles.GetAsync(fips, ct);
        var withValue = profile?.Values.Where(v => v.Value is not null).ToList() ?? [];
        var yearsByMetric = withValue.Select(v => new { v.MetricId, v.Year }).Distinct().ToLookup(y => y.MetricId, y => y.Year);
        var metrics = await (
                from m in db.Metrics.AsNoTracking()
                join q in db.Predictors on m.PredictorId equals q.Id
                join pillar in db.Pillars on q.PillarId equals pillar.Id
                orderby pillar.SortOrder, pillar.Id, q.SortOrder, q.Id, m.SortOrder, m.Id
                select new { m.Id, m.Key, m.Label, PredictorName = q.Name, m.Unit, m.Direction })
            .ToListAsync(ct);
        var subgroups = withValue.Select(v => new { v.SubgroupType, v.Subgroup }).Distinct().ToList();
        return new PlanChoices(
            predictors,
            metrics.Where(m => yearsByMetric[m.Id].Any())
                .Select(m => new MetricChoice(m.Key, m.Label, m.PredictorName, m.Unit, m.Direction, yearsByMetric[m.Id].Order().ToList()))
                .ToList(),
            subgroups.OrderBy(s => s.SubgroupType == Subgroups.AllType ? 0 : 1)
                .ThenBy(s => s.SubgroupType, StringComparer.Ordinal)
                .ThenBy(s => s.Subgroup, StringComparer.Ordinal)
                .Select(s => new SubgroupChoice(s.SubgroupType, s.Subgroup) { Place = county.Kind })
                .ToList(),
            CurrentYear)
        {
            Gaps = GapChoices(
                withValue.Where(v => profile!.Framework.Find(v.MetricKey) is { } place && MetricRules.GroupsHaveGaps(place.Metric, v.SubgroupType)),
                metrics.Select((m, i) => (m.Id, m.Key, m.Label, Order: i)).ToDictionary(m => m.Id, m => (m.Key, m.Label, m.Order))),
        };
    }

    /// <summary>
    /// Pairs of groups of one type that have a value of the same metric in the same year, in catalog order
    /// (<paramref name="values"/> holds only groups that make gaps: <see cref="MetricRules.GroupsHaveGaps"/>).
    /// </summary>
    private static List<GapChoice> GapChoices(IEnumerable<CountyValueRecord> values, Dictionary<int, (string Key, string Label, int Order)> metrics) =>
        values.Where(v => v.SubgroupType != Subgroups.AllType && metrics.ContainsKey(v.MetricId))
            .GroupBy(v => (v.MetricId, v.Year, v.SubgroupType))
            .SelectMany(g =>
            {
                var groups = g.Select(v => v.Subgroup).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                return groups.SelectMany(first => groups.Where(second => second != first)
                    .Select(second => (g.Key.MetricId, g.Key.SubgroupType, First: first, Second: second)));
            })
            .Distinct()
            .OrderBy(p => metrics[p.MetricId].Order)
            .ThenBy(p => p.SubgroupType, StringComparer.Ordinal)
            .ThenBy(p => p.First, StringComparer.Ordinal)
            .ThenBy(p => p.Second, StringComparer.Ordinal)
            .Select(p => new GapChoice(metrics[p.MetricId].Key, metrics[p.MetricId].Label, p.SubgroupType, p.First, p.Second))
            .ToList();

    /// <summary>True when <paramref name="user"/> may edit the county's plan.</summary>
    public Task<bool> CanEditAsync(ClaimsPrincipal user, string fips, CancellationToken ct = default) => access.CanPlanAsync(user, fips, ct);

    /// <summary>The county (canonical 5 digits) or city (7 digits) whose plan it is: plans work the same for both.</summary>
    private static async Task<PlanCounty?> FindCountyAsync(AppDbContext db, string fips, CancellationToken ct) =>
        PlaceKind.OfCode(fips) is { } kind && kind.Canonical(fips) == fips && await GeographyLookup.FindPlaceAsync(db, kind, fips, ct) is { } c
            ? new PlanCounty(c.Id, c.Fips, c.Name, c.StateName, c.StateAbbr)
            : null;

    private sealed record ValueRow(int MetricId, short Year, string SubgroupType, string Subgroup, double Value, double? LowerBound, double? UpperBound,
        DataQuality Quality, bool IsDemo)
    {
        public PlanReading Reading => new(Year, Value, LowerBound, UpperBound, Quality);
    }

    /// <summary>The county's values of these metrics, from its profile (the one read path of a county's values).</summary>
    private async Task<List<ValueRow>> ValuesAsync(string fips, CountyValueFilter filter, IReadOnlyCollection<int> metricIds, CancellationToken ct) =>
        (await profiles.GetAsync(fips, filter, ct))?.Values
            .Where(v => v.Value is not null && metricIds.Contains(v.MetricId))
            .Select(v => new ValueRow(v.MetricId, v.Year, v.SubgroupType, v.Subgroup, v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality, v.IsDemo))
            .ToList() ?? [];

    /// <summary>The target's series by year: the values of the group, or the gaps in the years both groups have a value.</summary>
    private static List<PlanReading> Series(List<ValueRow> values, int metricId, PlanTargetKind kind, string type, string subgroup, string? second)
    {
        // Targets saved before neighbourhood groups were typed by label still find their values.
        type = type == Subgroups.AllType ? type : SubgroupTypes.Normalize(type, subgroup);
        var ofMetric = values.Where(v => v.MetricId == metricId && v.SubgroupType == type).ToList();
        var first = ofMetric.Where(v => v.Subgroup == subgroup).ToDictionary(v => v.Year);
        if (kind == PlanTargetKind.Value)
        {
            return first.Values.OrderBy(v => v.Year).Select(v => v.Reading).ToList();
        }
        var other = ofMetric.Where(v => v.Subgroup == second).ToDictionary(v => v.Year);
        return first.Keys.Where(other.ContainsKey).Order()
            .Select(year => TargetProgress.GapOf(first[year].Reading, other[year].Reading))
            .ToList();
    }
}
