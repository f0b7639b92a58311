using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using UpwardMobility.Core.Nation;
using UpwardMobility.Core.Plans;

namespace UpwardMobility.Web.Api;

/// <summary>
/// <c>/api/v1/compare</c> (the comparison page's <see cref="CountyComparisonService"/>, worded as compare.csv) and
/// <c>/api/v1/places/{code}/plan</c> (the public plan page's <see cref="ActionPlanService.GetPlanAsync"/>).
/// </summary>
public static class ComparePlanApi
{
    public static async Task<Results<Ok<CompareResponse>, ProblemHttpResult>> CompareAsync(
        [Description("2 to 6 place codes, repeated (code=06037&code=17031); the first is the reference.")] string[]? code,
        [Description("One year for every row; each row's latest year (the reference's) when absent.")] string? year,
        CountyComparisonService comparisons, CancellationToken ct)
    {
        var (y, yearProblem) = ApiQuery.Year(year);
        if (yearProblem is not null)
        {
            return yearProblem;
        }
        var codes = new List<string>();
        foreach (var text in (code ?? []).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var (canonical, _, problem) = ApiQuery.Code(text);
            if (problem is not null)
            {
                return problem;
            }
            if (!codes.Contains(canonical!, StringComparer.Ordinal))
            {
                codes.Add(canonical!);
            }
        }
        if (codes.Count is < CountyComparison.MinCounties or > CountyComparison.MaxCounties)
        {
            return ApiQuery.BadRequest("code", $"Compare takes 2 to 6 different places (code=…&code=…); {codes.Count} given.");
        }
        var comparison = await comparisons.GetAsync(codes, y, ct);
        var found = comparison.Counties.Select(c => c.Fips).Concat(comparison.OtherKindLeftOut).ToHashSet(StringComparer.Ordinal);
        var unknown = codes.Where(c => !found.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return ApiQuery.NotFound("Unknown place", $"No place has the code {string.Join(", ", unknown)}.", "code");
        }
        if (comparison.Counties.Count < CountyComparison.MinCounties)
        {
            return ApiQuery.BadRequest("code",
                $"A comparison holds one kind of place, the first one's ({comparison.Kind.Plural}): {string.Join(", ", comparison.OtherKindLeftOut)} left 1 place to compare.");
        }
        var reference = comparison.Counties[0].Fips;
        var rows = comparison.Pillars.SelectMany(pillar => pillar.Predictors.SelectMany(predictor => predictor.Rows.Select(row => new CompareRow(
            pillar.Key, pillar.Name, predictor.Key, predictor.Name, row.Metric.Key, row.Metric.Label, ApiMapping.Unit(row.Metric.Unit), row.Year,
            row.Cells.Select(cell => new CompareCell(
                cell.Fips, cell.Fips == reference, cell.Reading?.Value, cell.Reading?.LowerBound, cell.Reading?.UpperBound,
                cell.Reading is null ? null : ApiMapping.Quality(cell.Reading.Quality), cell.Reading?.ValueText,
                cell.IsBest, cell.IsWorst, cell.Difference, ComparisonCsv.Judgement(cell.DifferenceKind), cell.Words?.Text,
                cell.Reading?.IsDemo == true)).ToList())))).ToList();
        return TypedResults.Ok(new CompareResponse(
            comparison.Kind.Singular, comparison.Year,
            comparison.Counties.Select(c => new ComparedPlace(c.Fips, c.Name, c.StateAbbr, c.StateName, c.Population)).ToList(),
            comparison.OtherKindLeftOut, rows));
    }

    /// <summary>
    /// The plan as its public page shows it. Plans have no releases yet; once they do, this serves the latest release
    /// (docs/api.md). Who edited what is left out: the API names no account.
    /// </summary>
    public static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> PlanAsync(
        [Description("A county's 5-digit code or a city's 7-digit code.")] string code,
        ActionPlanService plans, CancellationToken ct)
    {
        var (canonical, kind, problem) = ApiQuery.Code(code);
        if (problem is not null)
        {
            return problem;
        }
        var plan = await plans.GetPlanAsync(canonical!, ct);
        if (plan is null)
        {
            return ApiQuery.NotFound("Unknown place", $"There is no {kind!.Singular} with the code {canonical}.", "code");
        }
        var county = plan.County;
        return TypedResults.Ok(new PlanResponse(
            new PlaceRef(county.Fips, county.Kind.Singular, county.Name, county.StateAbbr),
            "current",
            plan.Priorities.Select(p => new PlanPriority(p.PillarKey, p.PillarName, p.PredictorKey, p.PredictorName, p.Rationale, Utc(p.UpdatedAtUtc))).ToList(),
            plan.Targets.Select(t => new PlanTarget(
                t.Metric.Key, t.Metric.Label, ApiMapping.Unit(t.Metric.Unit), t.PredictorKey, t.PredictorName,
                t.Kind == PlanTargetKind.Gap ? "gap" : "value", t.SubgroupType, t.Subgroup, t.SecondSubgroup, t.Subject,
                Reading(t.Baseline)!, t.TargetValue, t.TargetYear, t.Owner, t.Strategy, t.DirectionConfirmed,
                new PlanProgress(
                    Status(t.Progress.Status), t.Progress.Label, t.Progress.Summary, t.Progress.Caveats, Reading(t.Progress.Latest),
                    t.Progress.DistanceCovered, t.Progress.ExpectedShare, t.Progress.PathValue, t.Progress.WithinUncertainty, t.Progress.WeakData),
                Utc(t.UpdatedAtUtc))).ToList(),
            plan.HasDemoValues));
    }

    private static PlanReadingValue? Reading(PlanReading? r) =>
        r is null ? null : new PlanReadingValue(r.Year, r.Value, r.LowerBound, r.UpperBound, ApiMapping.Quality(r.Quality));

    private static string Status(ProgressStatus status) => status switch
    {
        ProgressStatus.Met => "met",
        ProgressStatus.OnTrack => "on_track",
        ProgressStatus.OffTrack => "off_track",
        ProgressStatus.NoNewerData => "no_newer_data",
        _ => "no_data",
    };

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
