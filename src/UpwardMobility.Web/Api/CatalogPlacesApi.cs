using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UpwardMobility.Core.Cities;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Metrics;
using UpwardMobility.Core.Sources;

namespace UpwardMobility.Web.Api;

/// <summary>
/// <c>/api/v1/catalog</c>, <c>/api/v1/places</c>, <c>/api/v1/places/{code}</c> and <c>/api/v1/places/{code}/values</c>:
/// the catalog and the places from the services the pages read (the county directory, the place profile, the data stamp).
/// </summary>
public static class CatalogPlacesApi
{
    public const int PlacesPageSize = 100;
    public const int ValuesPageSize = 500;

    /// <summary>Search results are ranked and capped: more than this many matches is not a search any more.</summary>
    public const int MaxSearchResults = 1000;

    public static async Task<Ok<CatalogResponse>> CatalogAsync(CountyProfileService profiles, CancellationToken ct)
    {
        var framework = await profiles.GetFrameworkAsync(ct);
        return TypedResults.Ok(new CatalogResponse(
            framework.Dimensions.Select(d => new CatalogDimension(d.Key, d.Name, d.Description)).ToList(),
            framework.Pillars.Select(p => new CatalogPillar(p.Key, p.Name, p.Description,
                p.Predictors.Select(q => new CatalogPredictor(q.Key, q.Name, q.Description, q.Metrics.Select(ApiMapping.CatalogMetric).ToList())).ToList())).ToList()));
    }

    public static async Task<Results<Ok<ApiPage<PlaceSummary>>, ProblemHttpResult>> ListAsync(
        [Description("A name (or its start: \"los ang\"), optionally with its state, or a code (or its first digits).")] string? q,
        [Description("county or city; both when absent.")] string? kind,
        [Description("A state: 2-digit FIPS code (06) or postal abbreviation (CA).")] string? state,
        [Description("Page number, from 1.")] string? page,
        [FromQuery(Name = "page_size"), Description("Places per page, 1 to 1000 (default 100).")] string? pageSize,
        CountyDirectoryService directory, CancellationToken ct)
    {
        var (placeKind, kindProblem) = ApiQuery.Kind(kind, allowAll: true);
        var (st, stateProblem) = ApiQuery.State(state);
        var (p, size, pagingProblem) = ApiQuery.Paging(page, pageSize, PlacesPageSize);
        if ((kindProblem ?? stateProblem ?? pagingProblem) is { } problem)
        {
            return problem;
        }
        var snapshot = await directory.GetSnapshotAsync(ct);
        var index = placeKind == PlaceKind.County ? snapshot.Index : placeKind == PlaceKind.City ? snapshot.Cities : snapshot.Places;
        // A search keeps the search box's ranking; a list is the /counties and /cities list's order (state, then name).
        IEnumerable<CountySummary> places = string.IsNullOrWhiteSpace(q)
            ? index.ListByState(null).SelectMany(s => s.Counties)
            : index.Search(q, MaxSearchResults);
        if (st is not null)
        {
            places = places.Where(c => c.StateFips == st.Fips);
        }
        return TypedResults.Ok(ApiQuery.Page(places.Select(ApiMapping.Summary).ToList(), p, size));
    }

    public static async Task<Results<Ok<PlaceDetail>, ProblemHttpResult>> PlaceAsync(
        [Description("A county's 5-digit code or a city's 7-digit code.")] string code,
        CountyProfileService profiles, CountyCityLinks links, CancellationToken ct)
    {
        var (canonical, kind, problem) = ApiQuery.Code(code);
        if (problem is not null)
        {
            return problem;
        }
        var profile = await profiles.GetAsync(canonical!, new CountyValueFilter(WholePopulationOnly: true), ct);
        if (profile is null)
        {
            return ApiQuery.NotFound("Unknown place", $"There is no {kind!.Singular} with the code {canonical}.", "code");
        }
        var isCity = profile.Kind == PlaceKind.City;
        var counties = isCity
            ? (await links.CountiesOfCityAsync(profile.Fips, ct)).Select(c => new LinkedPlace(c.Fips, c.Name, c.StateAbbr, c.ShareOfCity, c.ShareOfCounty, c.PeopleInCounty)).ToList()
            : [];
        var cities = isCity
            ? []
            : (await links.CitiesInCountyAsync(profile.Fips, ct)).Select(c => new LinkedPlace(c.Fips, c.Name, c.StateAbbr, c.ShareOfCity, c.ShareOfCounty, c.PeopleInCounty)).ToList();
        return TypedResults.Ok(new PlaceDetail(
            profile.Fips, profile.Kind.Singular, profile.Name, profile.StateFips, profile.StateAbbr, profile.StateName,
            profile.Population, profile.PopulationYear, profile.Historical,
            profile.ReplacedBy.Select(r => r.Fips).ToList(), profile.Replaces.Select(r => r.Fips).ToList(),
            counties, cities, profile.MetricsWithData, profile.HasDemoValues || profile.PopulationIsDemo, "/" + profile.Path));
    }

    public static async Task<Results<Ok<ValuesResponse>, ProblemHttpResult>> ValuesAsync(
        [Description("A county's 5-digit code or a city's 7-digit code.")] string code,
        [Description("A metric key from the catalog (e.g. share_employed); every metric when absent.")] string? metric,
        [Description("One year; every year when absent.")] string? year,
        [FromQuery(Name = "subgroup_type"), Description("all (the whole population) or a group type such as race-ethnicity; every group when absent.")] string? subgroupType,
        [Description("Page number, from 1.")] string? page,
        [FromQuery(Name = "page_size"), Description("Values per page, 1 to 1000 (default 500).")] string? pageSize,
        CountyProfileService profiles, DataStampService stamps, CancellationToken ct)
    {
        var (canonical, kind, codeProblem) = ApiQuery.Code(code);
        var (y, yearProblem) = ApiQuery.Year(year);
        var (p, size, pagingProblem) = ApiQuery.Paging(page, pageSize, ValuesPageSize);
        if ((codeProblem ?? yearProblem ?? pagingProblem) is { } problem)
        {
            return problem;
        }
        var metricKey = string.IsNullOrWhiteSpace(metric) ? null : metric.Trim();
        var profile = await profiles.GetAsync(canonical!, new CountyValueFilter(MetricKey: metricKey), ct);
        if (profile is null)
        {
            return ApiQuery.NotFound("Unknown place", $"There is no {kind!.Singular} with the code {canonical}.", "code");
        }
        var order = profile.Framework.Pillars.SelectMany(x => x.Predictors).SelectMany(x => x.Metrics)
            .Select((m, i) => (m, i)).ToDictionary(x => x.m.Key, x => x, StringComparer.Ordinal);
        if (metricKey is not null && !order.ContainsKey(metricKey))
        {
            return ApiQuery.NotFound("Unknown metric", $"There is no metric “{metricKey}” in the catalog (GET /api/v1/catalog lists them).", "metric");
        }
        var type = string.IsNullOrWhiteSpace(subgroupType) ? null : subgroupType.Trim();
        var values = profile.Values
            .Where(v => y is null || v.Year == y)
            .Where(v => type is null || string.Equals(v.SubgroupType, type, StringComparison.OrdinalIgnoreCase))
            // The data.csv order: catalog order, year, the whole population first, then group type and group.
            .OrderBy(v => order.TryGetValue(v.MetricKey, out var o) ? o.i : int.MaxValue)
            .ThenBy(v => v.Year)
            .ThenBy(v => v.IsWholePopulation ? 0 : 1)
            .ThenBy(v => v.SubgroupType, StringComparer.Ordinal)
            .ThenBy(v => v.Subgroup, StringComparer.Ordinal)
            .Select(v => new PlaceValue(v.MetricKey, v.Year, v.SubgroupType, v.Subgroup, v.Value, v.LowerBound, v.UpperBound,
                ApiMapping.Quality(v.Quality), v.ValueText,
                ApiMapping.SpecialMeaning(order.TryGetValue(v.MetricKey, out var o) ? o.m : null, v.Value), v.IsDemo))
            .ToList();
        var stamp = await stamps.ForMetricsAsync(values.Select(v => v.Metric), y, withWeights: false, ct, profile.Kind.Kind);
        return TypedResults.Ok(new ValuesResponse(ApiMapping.Ref(profile), ApiMapping.Stamp(stamp), ApiQuery.Page(values, p, size)));
    }
}
