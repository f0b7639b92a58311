using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Geographies;

/// <summary>A county as every page, endpoint and service refers to it.</summary>
public sealed record CountyRef(int Id, string Fips, string Name, string StateFips, string StateName, string StateAbbr, bool Hidden, bool Historical);

/// <summary>What a FIPS code in an address names: a county, the county at its canonical address, or nothing.</summary>
public abstract record CountyAddress
{
    private CountyAddress()
    {
    }

    /// <summary>Not a county FIPS code, or no county has it: answer 404.</summary>
    public sealed record NotFound : CountyAddress;

    /// <summary>A county code written another way (<c>6037</c> for <c>06037</c>): send the reader to <see cref="Fips"/>.</summary>
    public sealed record Moved(string Fips) : CountyAddress;

    public sealed record Found(CountyRef County) : CountyAddress;
}

/// <summary>
/// The one place that validates a county FIPS code and finds its county: pages, endpoints and services ask here
/// instead of each writing "normalise, compare, query geographies" again.
/// </summary>
public sealed class GeographyLookup(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The canonical 5-digit code in <paramref name="text"/> (a 4-digit code is padded), or null.</summary>
    public static string? CountyFips(string? text) => CountyText.NormalizeCountyFips(text);

    /// <summary>The county with exactly this 5-digit code (hidden and historical ones included), or null.</summary>
    public async Task<CountyRef?> FindCountyAsync(string? fips, CancellationToken ct = default)
    {
        if (fips is not { Length: 5 } || !CountyText.IsDigits(fips))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindCountyAsync(db, fips, ct);
    }

    /// <summary>The same lookup on a context the caller already has open (inside its transaction).</summary>
    public static Task<CountyRef?> FindCountyAsync(AppDbContext db, string fips, CancellationToken ct = default) =>
        db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && g.Fips == fips)
            .Select(g => new CountyRef(g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.Historical))
            .FirstOrDefaultAsync(ct);

    /// <summary>The city with exactly this 7-digit code (hidden ones included), or null.</summary>
    public async Task<CountyRef?> FindCityAsync(string? fips, CancellationToken ct = default)
    {
        if (PlaceKind.OfCode(fips) != PlaceKind.City)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.City && g.Fips == fips)
            .Select(g => new CountyRef(g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.Historical))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The county or city of this kind with exactly this code, on a context the caller has open.</summary>
    public static Task<CountyRef?> FindPlaceAsync(AppDbContext db, PlaceKind kind, string fips, CancellationToken ct = default) =>
        db.Geographies.AsNoTracking()
            .Where(g => g.Kind == kind.Kind && g.Fips == fips)
            .Select(g => new CountyRef(g.Id, g.Fips, g.Name, g.StateFips, g.StateName, g.StateAbbr, g.Hidden, g.Historical))
            .FirstOrDefaultAsync(ct);

    /// <summary>What the <c>{fips}</c> of an address names (see <see cref="CountyAddress"/>).</summary>
    public async Task<CountyAddress> ResolveAsync(string? routeFips, CancellationToken ct = default)
    {
        var fips = CountyFips(routeFips);
        if (fips is null)
        {
            return new CountyAddress.NotFound();
        }
        if (fips != routeFips)
        {
            return new CountyAddress.Moved(fips);
        }
        return await FindCountyAsync(fips, ct) is { } county ? new CountyAddress.Found(county) : new CountyAddress.NotFound();
    }
}
