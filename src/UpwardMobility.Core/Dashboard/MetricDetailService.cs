using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>
/// One year of the trend chart: the county's value and interval, the plain medians of the state's and the nation's
/// counties (the typical county) and Urban's benchmarks, the population-weighted medians, which pages show.
/// </summary>
public sealed record MetricYear(
    short Year,
    double? Value,
    double? LowerBound,
    double? UpperBound,
    DataQuality Quality,
    string? ValueText,
    double? Percentile,
    double? StateMedian,
    double? NationalMedian)
{
    /// <summary>The state's population-weighted median of counties, or why it is blank.</summary>
    public CountyBenchmark? StateBenchmark { get; init; }

    /// <summary>The US population-weighted median of counties, or why it is blank.</summary>
    public CountyBenchmark? NationalBenchmark { get; init; }
    /// <summary>Where the value stands among US counties that year (ties, interval, Weak and special values handled).</summary>
    public Standing? Standing { get; init; }

    public Estimate? Estimate => Judgement.Estimate.From(Value, LowerBound, UpperBound, Quality);

    /// <summary>Provenance: the file (and its kind) the value came from, chosen by precedence (<see cref="Import.SourceKind"/>).</summary>
    public ValueSource? Source { get; init; }
}

/// <summary>Where a stored value came from: the imported file and what kind of row it was.</summary>
public sealed record ValueSource(string FileName, Import.SourceKind Kind)
{
    /// <summary>"metrics_employment_county_all_longitudinal.csv (headline file)".</summary>
    public string Words => $"{FileName} ({Import.SourceKinds.Describe(Kind)})";
}

/// <summary>A row of the peer comparison: the county itself first, then its peers; <see cref="Reading"/> null when no value.</summary>
public sealed record PeerRow(string Fips, string Name, string StateName, string StateAbbr, long? Population, CountyValue? Reading, bool IsCounty);

/// <summary>The county against its peers in the year shown.</summary>
/// <param name="IsDefault">The peers were chosen by <see cref="PeerChooser"/>, not listed in the URL.</param>
/// <param name="FromOtherStates">How many default peers came from other states (the state has too few counties).</param>
public sealed record PeerComparison(IReadOnlyList<PeerRow> Rows, bool IsDefault, int FromOtherStates)
{
    public IReadOnlyList<string> PeerFips => Rows.Where(r => !r.IsCounty).Select(r => r.Fips).ToList();
}

/// <summary>One metric for one county in depth: the catalog entry, every year, the subgroups of the year shown.</summary>
public sealed record MetricDetail(
    string Fips,
    string CountyName,
    string StateName,
    string StateAbbr,
    MetricOutline Metric,
    string PillarKey,
    string PillarName,
    string PredictorName,
    short? Year,
    IReadOnlyList<MetricYear> Years,
    IReadOnlyList<SubgroupReading> Subgroups,
    IReadOnlyList<SubgroupGap> Gaps,
    bool HasDemoValues)
{
    /// <summary>County or city: the place is ranked, benchmarked and peered only among places of its kind.</summary>
    public PlaceKind Kind { get; init; } = PlaceKind.County;

    /// <summary>The place's page, relative to the base (<c>counties/06037</c>, <c>cities/0644000</c>).</summary>
    public string Path => Kind.PathOf(Fips);

    /// <summary>For a city: the county most of its people live in, with its value of the year shown; null for a county.</summary>
    public CityCountyValue? CountyOfCity { get; init; }

    /// <summary>What the reader asked for (year, subgroup type, peers), as read from the URL.</summary>
    public MetricView View { get; init; } = new();

    /// <summary>The subgroup types with values in <see cref="SubgroupYear"/>, race/ethnicity first.</summary>
    public IReadOnlyList<string> SubgroupTypes { get; init; } = [];

    /// <summary>The subgroup type shown (<see cref="Subgroups"/> holds only its groups), or null when there are none.</summary>
    public string? SubgroupType { get; init; }

    /// <summary>
    /// The groups the page draws: the first <see cref="Import.UrbanCsvReader.MaxSubgroupsShownPerType"/> of
    /// <see cref="Subgroups"/> (in their order), so a metric with thousands of labels keeps a page of bounded size.
    /// <see cref="Subgroups"/> itself stays complete, for the CSV.
    /// </summary>
    public IReadOnlyList<SubgroupReading> ShownSubgroups => Subgroups.Count <= Import.UrbanCsvReader.MaxSubgroupsShownPerType
        ? Subgroups
        : [.. Subgroups.Take(Import.UrbanCsvReader.MaxSubgroupsShownPerType)];

    /// <summary>How many groups of <see cref="Subgroups"/> the page leaves out (they are in the CSV).</summary>
    public int HiddenSubgroupCount => Math.Max(0, Subgroups.Count - Import.UrbanCsvReader.MaxSubgroupsShownPerType);

    /// <summary>Every county's value in <see cref="SubgroupYear"/>, the county and its state marked; null without a year.</summary>
    public MetricDistribution? Distribution { get; init; }

    public PeerComparison? Peers { get; init; }

    /// <summary>Parts of the URL that could not be used (unknown peer codes, a subgroup type without values), in words.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The year whose subgroups are shown: the year asked for, else the latest with a value.</summary>
    public short? SubgroupYear => Year ?? Years.LastOrDefault(y => y.Value is not null)?.Year;

    /// <summary>The county's whole-population value in <see cref="SubgroupYear"/>.</summary>
    public MetricYear? Current => Years.LastOrDefault(y => y.Year == SubgroupYear);
}

/// <summary>A city's main county on the city's metric page: its value in the same year and how the city's differs from it.</summary>
/// <param name="ShareOfCity">Share of the city's people living in the county (0..1; geocorr 2022).</param>
/// <param name="Reading">The county's whole-population value in the year shown; null when it has none.</param>
/// <param name="Difference">The city against the county, by the interval rule; null without both values.</param>
public sealed record CityCountyValue(string Fips, string Name, string StateAbbr, double ShareOfCity, MetricReading? Reading, Difference? Difference);

/// <summary>
/// Loads one metric of one county in four small queries, with percentiles and medians from
/// <see cref="CountyDistributionCache"/>. Runs the same on SQLite and PostgreSQL.
/// </summary>
public sealed class MetricDetailService(
    IDbContextFactory<AppDbContext> dbFactory, CountyDistributionCache distributionCache, CountyProfileService profiles, Cities.CountyCityLinks links)
{
    /// <summary>Null when the county or the metric does not exist.</summary>
    public Task<MetricDetail?> GetAsync(string fips, string metricKey, short? year = null, CancellationToken ct = default) =>
        GetAsync(fips, metricKey, new MetricView(year), ct);

    /// <summary>The metric page for a view (year, subgroup type, peers); null when the county or the metric does not exist.</summary>
    public async Task<MetricDetail?> GetAsync(string fips, string metricKey, MetricView view, CancellationToken ct = default)
    {
        var year = view.Year;
        if (string.IsNullOrWhiteSpace(metricKey))
        {
            return null;
        }
        var county = await profiles.GetAsync(fips, new CountyValueFilter(MetricKey: metricKey), ct);
        if (county?.Framework.Find(metricKey) is not { } place)
        {
            return null;
        }
        var metric = new { place.Metric.Id, Outline = place.Metric, PillarKey = place.Pillar.Key, PillarName = place.Pillar.Name, PredictorName = place.Predictor.Name };
        var values = county.Values;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stateScope = county.StateFips;
        var kind = county.Kind;
        var distributions = await distributionCache.GetAsync(kind.Kind, [metric.Id], ct);
        MetricStatistic? Statistic(short year, string scope) =>
            distributions.Statistic(metric.Id, year, Subgroups.AllType, Subgroups.All, scope);

        // Provenance of the whole-population values, one per year (the key is unique).
        var sources = (await (
                from v in db.MetricValues.AsNoTracking()
                join g in db.Geographies on v.GeographyId equals g.Id
                join i in db.Imports on v.ImportId equals i.Id
                where g.Fips == county.Fips && g.Kind == kind.Kind && v.MetricId == metric.Id
                    && v.SubgroupType == Subgroups.AllType && v.Subgroup == Subgroups.All
                select new { v.Year, i.FileName, i.SourceKind, i.IsDemo })
            .ToListAsync(ct))
            .Where(s => !s.IsDemo)
            .ToDictionary(s => s.Year, s => new ValueSource(s.FileName, s.SourceKind));
        var years = values.Where(v => v.SubgroupType == Subgroups.AllType)
            .OrderBy(v => v.Year)
            .Select(v => new MetricYear(
                v.Year, v.Value, v.LowerBound, v.UpperBound, v.Quality, v.ValueText,
                distributions.Percentile(metric.Id, v.Year, v.SubgroupType, v.Subgroup, v.Value),
                Statistic(v.Year, stateScope)?.Median,
                Statistic(v.Year, MetricStatistic.NationalScope)?.Median)
            {
                StateBenchmark = distributions.Benchmark(metric.Id, v.Year, Subgroups.AllType, Subgroups.All, stateScope),
                NationalBenchmark = distributions.Benchmark(metric.Id, v.Year, Subgroups.AllType, Subgroups.All, MetricStatistic.NationalScope),
                Standing = Standings.AmongCounties(distributions, metric.Id, v.Year, metric.Outline, Estimate.From(v.Value, v.LowerBound, v.UpperBound, v.Quality)),
                Source = sources.GetValueOrDefault(v.Year),
            })
            .ToList();
        var subgroupYear = year ?? years.LastOrDefault(y => y.Value is not null)?.Year;
        var notices = new List<string>();
        var types = values
            .Where(v => v.SubgroupType != Subgroups.AllType && v.Year == subgroupYear && v.Value is not null)
            .Select(v => v.SubgroupType)
            .Distinct()
            .OrderBy(t => t == SubgroupTypes.RaceEthnicity ? 0 : 1)
            .ThenBy(t => t, StringComparer.Ordinal)
            .ToList();
        var type = types.FirstOrDefault();
        if (view.SubgroupType is { } asked)
        {
            var normalized = SubgroupTypes.Normalize(asked);
            if (types.Contains(normalized, StringComparer.Ordinal))
            {
                type = normalized;
            }
            else
            {
                notices.Add(type is null
                    ? $"No values by {asked} are published for this {kind.Singular} and year."
                    : $"No values by {asked} are published for this {kind.Singular} and year; showing {type} instead.");
            }
        }
        var subgroups = values
            .Where(v => v.SubgroupType == type && v.Year == subgroupYear && v.Value is not null)
            .OrderBy(v => v.Subgroup, StringComparer.Ordinal)
            .Select(v => new SubgroupReading(v.SubgroupType, v.Subgroup, v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality))
            .ToList();
        var national = subgroupYear is { } sy ? Statistic(sy, MetricStatistic.NationalScope) : null;
        var scale = national is null ? (double?)null : national.P75 - national.P25;

        MetricDistribution? distribution = null;
        PeerComparison? peers = null;
        if (subgroupYear is { } shownYear)
        {
            var all = await LoadCountyValuesAsync(db, distributions, kind, metric.Id, shownYear, ct);
            distribution = MetricDistribution.Build(shownYear, all, county.Fips, county.StateFips, metric.Outline, kind: kind);
            peers = await ComparePeersAsync(db, kind, county.Fips, county.StateFips, all, view.Peers, notices, ct);
        }
        var countyOfCity = kind == PlaceKind.City && subgroupYear is { } cityYear
            ? await CountyOfCityAsync(county.Fips, metric.Outline, years.LastOrDefault(y => y.Year == cityYear), cityYear, ct)
            : null;

        return new MetricDetail(
            county.Fips,
            county.Name,
            county.StateName,
            county.StateAbbr,
            metric.Outline,
            metric.PillarKey,
            metric.PillarName,
            metric.PredictorName,
            year,
            years,
            subgroups,
            SummaryChooser.GapsFor(metric.Outline, subgroups, scale),
            values.Any(v => v.IsDemo))
        {
            View = view,
            SubgroupTypes = types,
            SubgroupType = type,
            Distribution = distribution,
            Peers = peers,
            Notices = notices,
            Kind = kind,
            CountyOfCity = countyOfCity,
        };
    }

    /// <summary>The city's main county (most of its people) with its value of <paramref name="year"/>, read as every county page reads it.</summary>
    private async Task<CityCountyValue?> CountyOfCityAsync(string cityFips, MetricOutline metric, MetricYear? city, short year, CancellationToken ct)
    {
        var main = (await links.CountiesOfCityAsync(cityFips, ct)).FirstOrDefault();
        if (main is null)
        {
            return null;
        }
        var profile = await profiles.GetAsync(main.Fips, new CountyValueFilter(MetricKey: metric.Key, WholePopulationOnly: true), ct);
        var reading = profile?.Values.FirstOrDefault(v => v.Year == year)?.Reading;
        var difference = city?.Estimate is { } c && reading?.Estimate is { } k ? Judge.Versus(metric, c, k, main.Name) : null;
        return new CityCountyValue(main.Fips, main.Name, main.StateAbbr, main.ShareOfCity, reading, difference);
    }

    /// <summary>Every county's whole-population value of the metric in the year: one projection over the metric/year index.</summary>
    private static async Task<List<CountyValue>> LoadCountyValuesAsync(
        AppDbContext db, CountyDistributions distributions, PlaceKind kind, int metricId, short year, CancellationToken ct)
    {
        var rows = await (
                from v in db.MetricValues.AsNoTracking()
                join g in db.Geographies on v.GeographyId equals g.Id
                where v.MetricId == metricId && v.Year == year && v.SubgroupType == Subgroups.AllType && v.Subgroup == Subgroups.All
                    && v.Value != null && g.Kind == kind.Kind
                select new { g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, Value = v.Value!.Value, v.LowerBound, v.UpperBound, v.Quality })
            .ToListAsync(ct);
        return rows.Select(r => new CountyValue(r.Fips, r.Name, r.StateFips, r.StateName, r.StateAbbr, r.Value, r.LowerBound, r.UpperBound, r.Quality,
                distributions.Percentile(metricId, year, Subgroups.AllType, Subgroups.All, r.Value)))
            .ToList();
    }

    /// <summary>
    /// The county and its peers: the ones the URL lists (unknown codes are dropped with a notice), or by default
    /// <see cref="PeerChooser"/>'s choice among the counties with a value, by the latest population figures.
    /// </summary>
    private static async Task<PeerComparison> ComparePeersAsync(
        AppDbContext db, PlaceKind kind, string fips, string stateFips, List<CountyValue> all, IReadOnlyList<string>? asked, List<string> notices, CancellationToken ct)
    {
        var latestYear = await (
                from p in db.GeographyPopulations
                join g in db.Geographies on p.GeographyId equals g.Id
                where g.Kind == kind.Kind
                select (short?)p.Year)
            .MaxAsync(ct);
        var populations = latestYear is null
            ? []
            : await (
                    from p in db.GeographyPopulations.AsNoTracking()
                    join g in db.Geographies on p.GeographyId equals g.Id
                    where p.Year == latestYear && g.Kind == kind.Kind
                    select new { g.Fips, p.Population })
                .ToDictionaryAsync(p => p.Fips, p => (long?)p.Population, StringComparer.Ordinal, ct);
        var byFips = all.ToDictionary(v => v.Fips, StringComparer.Ordinal);

        List<string> chosen;
        var fromOtherStates = 0;
        if (asked is null)
        {
            var choice = PeerChooser.Choose(
                fips, stateFips, populations.GetValueOrDefault(fips),
                all.Select(v => new PeerCandidate(v.Fips, v.StateFips, populations.GetValueOrDefault(v.Fips))));
            chosen = [.. choice.Fips];
            fromOtherStates = choice.FromOtherStates;
        }
        else
        {
            chosen = [];
            foreach (var text in asked)
            {
                var code = kind == PlaceKind.County ? CountyText.NormalizeCountyFips(text) : PlaceKind.OfCode(text?.Trim()) == kind ? text!.Trim() : null;
                if (code is null)
                {
                    notices.Add(kind == PlaceKind.County
                        ? $"Peer “{text}” was ignored: a county FIPS code has five digits."
                        : $"Peer “{text}” was ignored: a city's code has seven digits (state and place), and a city is compared only with other cities.");
                }
                else if (code != fips && !chosen.Contains(code, StringComparer.Ordinal))
                {
                    chosen.Add(code);
                }
            }
            if (chosen.Count > MetricView.MaxPeers)
            {
                notices.Add($"Only the first {MetricView.MaxPeers} peers are shown.");
                chosen = chosen.Take(MetricView.MaxPeers).ToList();
            }
        }

        var codes = chosen.Append(fips).ToList();
        var names = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == kind.Kind && codes.Contains(g.Fips))
            .Select(g => new { g.Fips, g.Name, g.StateName, g.StateAbbr })
            .ToDictionaryAsync(g => g.Fips, StringComparer.Ordinal, ct);
        var rows = new List<PeerRow>();
        foreach (var code in codes.Prepend(fips).Distinct(StringComparer.Ordinal))
        {
            if (!names.TryGetValue(code, out var g))
            {
                notices.Add($"Peer {code} was ignored: no {kind.Singular} has that FIPS code.");
                continue;
            }
            rows.Add(new PeerRow(g.Fips, g.Name, g.StateName, g.StateAbbr, populations.GetValueOrDefault(code), byFips.GetValueOrDefault(code), code == fips));
        }
        return new PeerComparison(rows, asked is null, fromOtherStates);
    }
}
