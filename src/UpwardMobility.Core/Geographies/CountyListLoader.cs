using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Geographies;

/// <summary>
/// Adds the bundled county list (<c>data/geo/counties.csv</c>, derived from the Census shapes in us-atlas) to the
/// database. Only missing counties are added: names an admin changed stay as they are.
/// </summary>
public sealed class CountyListLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public sealed record CountyRow(string Fips, string Name, string StateFips, string StateName, string StateAbbr, bool Historical, string? ReplacedBy);

    public static List<CountyRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<CountyRow>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var replaced = csv.GetField("replaced_by");
            rows.Add(new CountyRow(
                csv.GetField("fips")!,
                csv.GetField("name")!,
                csv.GetField("state_fips")!,
                csv.GetField("state_name")!,
                csv.GetField("state_abbr")!,
                string.Equals(csv.GetField("status"), "historical", StringComparison.OrdinalIgnoreCase),
                string.IsNullOrWhiteSpace(replaced) ? null : replaced.Trim()));
        }
        return rows;
    }

    public async Task<int> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = Read(path);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = await db.Geographies
            .Where(g => g.Kind == GeographyKind.County)
            .Select(g => g.Fips)
            .ToListAsync(cancellationToken);
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var row in rows.Where(r => !knownSet.Contains(r.Fips)))
        {
            db.Geographies.Add(new Geography
            {
                Kind = GeographyKind.County,
                Fips = row.Fips,
                Name = row.Name,
                StateFips = row.StateFips,
                StateName = row.StateName,
                StateAbbr = row.StateAbbr,
                Historical = row.Historical,
                ReplacedBy = row.ReplacedBy,
            });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
