using UpwardMobility.Core.Geographies;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Between writing and merging: creates the counties and cities the file named for the first time, and points the
/// values already written or staged with their temporary ids at the real ones.
/// </summary>
public static class GeographyCreator
{
    public static async Task<CreatedGeographies> CreateAsync(ImportTransaction import, StagingTable? staging, bool anyWrittenDirectly, CancellationToken ct)
    {
        var pending = import.Geographies.NewGeographies;
        if (pending.Count == 0)
        {
            return CreatedGeographies.None;
        }
        var created = pending.OrderBy(p => p.Fips, StringComparer.Ordinal).Select(p => (Pending: p, Geography: new Geography
        {
            Kind = p.Kind,
            Fips = p.Fips,
            Name = p.Name,
            StateFips = p.StateFips,
            StateName = p.StateName,
            StateAbbr = UsStates.Find(p.StateFips)?.Abbr ?? "",
            NeedsReview = p.Placeholder,
        })).ToList();
        import.Db.Geographies.AddRange(created.Select(c => c.Geography));
        await import.Db.SaveChangesAsync(ct);
        var ids = new Dictionary<int, int>();
        foreach (var (p, geography) in created)
        {
            ids[p.TemporaryId] = geography.Id;
            // Negative temporary ids are this import's alone: imports run one at a time.
            if (anyWrittenDirectly)
            {
                await import.Transaction.ExecuteAsync($"UPDATE metric_values SET geography_id = {geography.Id} WHERE geography_id = {p.TemporaryId}", ct);
            }
            if (staging is not null)
            {
                await staging.RemapGeographyAsync(p.TemporaryId, geography.Id, ct);
            }
        }
        return new CreatedGeographies(ids, created.Select(c => new NewGeography(c.Pending.Kind.ToString(), c.Pending.Fips, c.Pending.Name, c.Pending.Placeholder)).ToList());
    }
}
