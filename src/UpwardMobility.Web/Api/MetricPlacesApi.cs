using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Nation;
using UpwardMobility.Core.Sources;

namespace UpwardMobility.Web.Api;

/// <summary>
/// <c>/api/v1/metrics/{metric}/places</c>: one metric across the nation's counties (or cities) for a year, what the map
/// and the rankings show: the cross-section of <see cref="MetricCrossSectionService"/>, ranked by
/// <see cref="CountyRankings"/> as the rankings page and its CSV rank it, each place's standing as the map's panel
/// words it, and Urban's benchmarks as the pages label them.
/// </summary>
public static class MetricPlacesApi
{
    public const int PageSize = 500;

    public static async Task<Results<Ok<MetricPlacesResponse>, ProblemHttpResult>> PlacesAsync(
        [Description("A metric key from the catalog, e.g. share_employed.")] string metric,
        [Description("The year; the latest year with values when absent.")] string? year,
        [Description("county (default) or city.")] string? kind,
        [Description("Only this state's places (2-digit FIPS or postal abbreviation); ranks stay national.")] string? state,
        [Description("A group's label, e.g. \"Black, Non-Hispanic\"; the whole population when absent.")] string? subgroup,
        [FromQuery(Name = "subgroup_type"), Description("The group's type when labels repeat across types, e.g. race-ethnicity.")] string? subgroupType,
        [Description("Page number, from 1.")] string? page,
        [FromQuery(Name = "page_size"), Description("Places per page, 1 to 1000 (default 500).")] string? pageSize,
        MetricCrossSectionService crossSections, DataStampService stamps, CancellationToken ct)
    {
        var (y, yearProblem) = ApiQuery.Year(year);
        var (placeKind, kindProblem) = ApiQuery.Kind(kind, allowAll: false);
        var (st, stateProblem) = ApiQuery.State(state);
        var (p, size, pagingProblem) = ApiQuery.Paging(page, pageSize, PageSize);
        if ((yearProblem ?? kindProblem ?? stateProblem ?? pagingProblem) is { } problem)
        {
            return problem;
        }
        var section = await crossSections.GetAsync(metric.Trim(), y, subgroup, subgroupType, ct, placeKind!.Kind);
        if (section is null)
        {
            return ApiQuery.NotFound("Unknown metric", $"There is no metric “{metric}” in the catalog (GET /api/v1/catalog lists them).", "metric");
        }
        if (!Subgroups.IsAll(subgroup) && section.Subgroup.IsAll)
        {
            return ApiQuery.NotFound("Unknown subgroup",
                $"“{subgroup}” is not a group this metric is published for among {placeKind.Plural}: "
                + string.Join(", ", section.Subgroups.Where(s => !s.IsAll).Select(s => $"{s.Label} ({s.Type})")) + ".", "subgroup");
        }
        if (y is { } asked && section.Year != asked)
        {
            return ApiQuery.NotFound("No values for that year",
                $"No values of {section.Metric.Key} are published for {asked} among {placeKind.Plural}"
                + (section.Years.Count > 0 ? $": years with values are {string.Join(", ", section.Years.Select(v => v.ToString(CultureInfo.InvariantCulture)))}." : "."), "year");
        }

        var ranked = CountyRankings.RankNationally(section);
        var shown = CountyRankings.FilterAndSort(ranked, new RankingQuery(State: st?.Fips));
        var pool = section.StandingPool();
        var metricOutline = section.Metric;
        var places = shown.Select(r => new MetricPlace(
            r.Row.Fips, r.Row.Name, r.Row.StateAbbr, r.Row.Population, r.Row.Value, r.Row.LowerBound, r.Row.UpperBound,
            ApiMapping.Quality(r.Row.Quality), r.Row.ValueText, ApiMapping.SpecialMeaning(metricOutline, r.Row.Value), r.Row.Percentile,
            r.Rank > 0 ? r.Rank : null, r.BetterThan,
            section.StandingOf(r.Row, pool) is { } standing ? ApiMapping.Standing(standing) : null, r.Row.IsDemo)).ToList();

        var national = ApiMapping.Benchmark(
            section.Benchmarks.GetValueOrDefault(MetricStatistic.NationalScope), section.Kind.NationalBenchmarkLabel,
            section.TypicalCounty.TryGetValue(MetricStatistic.NationalScope, out var nationalMedian) ? nationalMedian : null);
        var stateBenchmark = st is null
            ? null
            : ApiMapping.Benchmark(
                section.Benchmarks.GetValueOrDefault(st.Fips), section.Kind.StateBenchmarkLabel(st.Name),
                section.TypicalCounty.TryGetValue(st.Fips, out var stateMedian) ? stateMedian : null);
        var stamp = await stamps.ForMetricsAsync([section.Metric.Key], section.Year, withWeights: true, ct, section.Kind.Kind);
        return TypedResults.Ok(new MetricPlacesResponse(
            ApiMapping.Metric(section.Metric), section.Kind.Singular, section.Year, section.Years,
            new SubgroupRef(section.Subgroup.Type, section.Subgroup.Label),
            section.Subgroups.Select(s => new SubgroupRef(s.Type, s.Label)).ToList(),
            st?.Fips, national, stateBenchmark, ApiMapping.Stamp(stamp), ApiQuery.Page(places, p, size)));
    }
}
