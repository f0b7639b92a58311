using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Counties;

/// <summary>
/// How much of a former county a successor took, and of the successor a former county gave, in census tracts
/// (<see cref="CountySuccession"/>). Shares are <see cref="CountySuccession.ShareBasis"/>.
/// </summary>
public sealed record SuccessionShare(string FormerFips, string SuccessorFips, int Tracts, double ShareOfSuccessor, double ShareOfFormer);

public static class CountySuccessionShares
{
    /// <summary>How the shares are measured, as pages label them.</summary>
    public const string ShareBasisText = CountySuccession.ShareBasis;

    /// <summary>Every crosswalk row where the county is the former county or the successor.</summary>
    public static async Task<IReadOnlyList<SuccessionShare>> ForCountyAsync(AppDbContext db, int countyId, CancellationToken ct) =>
        await (
                from s in db.CountySuccessions.AsNoTracking()
                join former in db.Geographies on s.FormerId equals former.Id
                join successor in db.Geographies on s.SuccessorId equals successor.Id
                where s.FormerId == countyId || s.SuccessorId == countyId
                orderby former.Fips, successor.Fips
                select new SuccessionShare(former.Fips, successor.Fips, s.Tracts, s.ShareOfSuccessor, s.ShareOfFormer))
            .ToListAsync(ct);

    public static SuccessionShare? Find(IReadOnlyList<SuccessionShare> shares, string formerFips, string successorFips) =>
        shares.FirstOrDefault(s => s.FormerFips == formerFips && s.SuccessorFips == successorFips);

    /// <summary>A share as a whole percentage ("62%"), "under 1%" for a share that rounds to nothing.</summary>
    public static string Percent(double share)
    {
        var percent = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        return share > 0 && percent < 1 ? "under 1%" : percent.ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
