using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Cities;

/// <summary>A population figure of a city.</summary>
/// <param name="FromImport">Written by an import; otherwise from the bundled city list (Urban's <c>place-populations.csv</c>).</param>
public sealed record CityPopulation(short Year, long Population, bool FromImport);

/// <summary>What a city page needs to name a city: who it is, its population by year and its counties.</summary>
public sealed record CityOverview
{
    /// <summary>7 digits: 2-digit state + 5-digit place code.</summary>
    public required string Fips { get; init; }
    public required string Name { get; init; }
    public required string StateFips { get; init; }
    public required string StateName { get; init; }
    public required string StateAbbr { get; init; }

    /// <summary>Left out of lists and search by an admin; the page still answers.</summary>
    public bool Hidden { get; init; }

    /// <summary>Created by an import that gave no name (the name is a placeholder).</summary>
    public bool NeedsReview { get; init; }

    /// <summary>Every population figure, oldest year first.</summary>
    public IReadOnlyList<CityPopulation> Populations { get; init; } = [];

    /// <summary>The counties the city lies in, the one with most of its people first.</summary>
    public IReadOnlyList<CountyOfCity> Counties { get; init; } = [];

    public CityPopulation? LatestPopulation => Populations.Count == 0 ? null : Populations[^1];
}

/// <summary>Reads one city for the city pages. Queries run the same on SQLite and PostgreSQL.</summary>
public sealed class CityOverviewService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The city with this 7-digit FIPS code, or null when there is none.</summary>
    public async Task<CityOverview?> GetAsync(string fips, CancellationToken ct = default)
    {
        if (fips is not { Length: 7 } || !CountyText.IsDigits(fips))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var city = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.City && g.Fips == fips)
            .Select(g => new { g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.NeedsReview })
            .FirstOrDefaultAsync(ct);
        if (city is null)
        {
            return null;
        }
        var populations = await db.GeographyPopulations.AsNoTracking()
            .Where(p => p.GeographyId == city.Id)
            .OrderBy(p => p.Year)
            .Select(p => new CityPopulation(p.Year, p.Population, p.ImportId != null))
            .ToListAsync(ct);
        var counties = await CountyCityLinks.CountiesOfAsync(db, db.Geographies.Where(g => g.Id == city.Id).Select(g => g.Id), ct);
        return new CityOverview
        {
            Fips = city.Fips,
            Name = city.Name,
            StateFips = city.StateFips,
            StateName = city.StateName,
            StateAbbr = city.StateAbbr,
            Hidden = city.Hidden,
            NeedsReview = city.NeedsReview,
            Populations = populations,
            Counties = counties,
        };
    }
}
