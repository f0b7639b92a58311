using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.PeerGroups;

public sealed record PeerGroupSummary(int Id, string Name, IReadOnlyList<string> Fips, DateTime UpdatedAtUtc);

/// <summary>What saving a peer group did: the group, or the reason it was not saved.</summary>
public sealed record PeerGroupResult(PeerGroupSummary? Group, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Signed-in users' peer groups. Anonymous users keep theirs in the browser (peer-groups.js), not here.</summary>
public sealed class PeerGroupService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<PeerGroupSummary>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await db.PeerGroups.AsNoTracking()
            .Where(g => g.UserId == userId)
            .OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.Fips, g.UpdatedAtUtc })
            .ToListAsync(ct);
        return groups.Select(g => new PeerGroupSummary(g.Id, g.Name, Split(g.Fips), g.UpdatedAtUtc)).ToList();
    }

    /// <summary>Saves the group under its name, replacing the user's group of the same name.</summary>
    public async Task<PeerGroupResult> SaveAsync(string userId, string? name, IEnumerable<string?> fips, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new(null, "Give the peer group a name.");
        }
        if (name.Length > PeerGroup.MaxNameLength)
        {
            return new(null, $"The name is too long: at most {PeerGroup.MaxNameLength} characters.");
        }
        var codes = new List<string>();
        var bad = new List<string>();
        foreach (var raw in fips.SelectMany(f => (f ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (CountyText.NormalizeCountyFips(raw) is { } code)
            {
                if (!codes.Contains(code, StringComparer.Ordinal))
                {
                    codes.Add(code);
                }
            }
            else
            {
                bad.Add(raw);
            }
        }
        if (bad.Count > 0)
        {
            return new(null, $"Not county codes: {string.Join(", ", bad)}.");
        }
        if (codes.Count == 0)
        {
            return new(null, "A peer group needs at least one county.");
        }
        if (codes.Count > PeerGroup.MaxCounties)
        {
            return new(null, $"A peer group holds at most {PeerGroup.MaxCounties} counties.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.Geographies.AsNoTracking()
            .Where(g => g.Kind == GeographyKind.County && codes.Contains(g.Fips))
            .Select(g => g.Fips)
            .ToListAsync(ct);
        var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return new(null, $"No county has the code {string.Join(", ", unknown)}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var group = await db.PeerGroups.FirstOrDefaultAsync(g => g.UserId == userId && g.Name == name, ct);
        if (group is null)
        {
            if (await db.PeerGroups.CountAsync(g => g.UserId == userId, ct) >= PeerGroup.MaxGroupsPerUser)
            {
                return new(null, $"You have {PeerGroup.MaxGroupsPerUser} peer groups already: delete one first.");
            }
            group = new PeerGroup { UserId = userId, Name = name, Fips = "", CreatedAtUtc = now };
            db.PeerGroups.Add(group);
        }
        group.Fips = string.Join(' ', codes);
        group.UpdatedAtUtc = now;
        await db.SaveChangesAsync(ct);
        return new(new PeerGroupSummary(group.Id, group.Name, codes, now), null);
    }

    /// <summary>False when the group does not exist or belongs to someone else.</summary>
    public async Task<bool> DeleteAsync(string userId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PeerGroups.Where(g => g.Id == id && g.UserId == userId).ExecuteDeleteAsync(ct) > 0;
    }

    private static string[] Split(string fips) => fips.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
