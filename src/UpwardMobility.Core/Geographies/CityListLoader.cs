using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Geographies;

/// <summary>What one run of <see cref="CityListLoader"/> changed.</summary>
public sealed record CityListChanges(int CitiesAdded, int CitiesNamed, int PopulationsWritten);

/// <summary>
/// Adds Urban's cities (<c>data/geo/cities.csv</c>) and their populations by year (<c>data/geo/city-populations.csv</c>),
/// both derived from Urban's <c>place-populations.csv</c>, to the database. Idempotent. Like the county list it only adds
/// what is missing, so names an admin changed stay; a city an import created with a placeholder name gets its name.
/// Population figures from the list carry no import; a figure an import wrote is left as it is (rollback restores the list's).
/// </summary>
public sealed class CityListLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public sealed record CityRow(string Fips, string Name, string StateFips, string StateName, string StateAbbr);

    public sealed record PopulationRow(string Fips, short Year, long Population);

    public static List<CityRow> Read(string path) => ReadRows(path, csv => new CityRow(
        csv.GetField("fips")!,
        csv.GetField("name")!,
        csv.GetField("state_fips")!,
        csv.GetField("state_name")!,
        csv.GetField("state_abbr")!));

    public static List<PopulationRow> ReadPopulations(string path) => ReadRows(path, csv => new PopulationRow(
        csv.GetField("fips")!,
        short.Parse(csv.GetField("year")!, CultureInfo.InvariantCulture),
        long.Parse(csv.GetField("population")!, CultureInfo.InvariantCulture)));

    internal static List<T> ReadRows<T>(string path, Func<CsvReader, T> row)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<T>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add(row(csv));
        }
        return rows;
    }

    public async Task<CityListChanges> LoadAsync(string citiesPath, string populationsPath, CancellationToken cancellationToken = default)
    {
        var cities = Read(citiesPath);
        var populations = ReadPopulations(populationsPath);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var known = await db.Geographies
            .Where(g => g.Kind == GeographyKind.City)
            .ToDictionaryAsync(g => g.Fips, StringComparer.Ordinal, cancellationToken);
        int added = 0, named = 0;
        foreach (var row in cities)
        {
            if (known.TryGetValue(row.Fips, out var city))
            {
                if (city.NeedsReview)
                {
                    (city.Name, city.StateName, city.StateAbbr, city.NeedsReview) = (row.Name, row.StateName, row.StateAbbr, false);
                    named++;
                }
                continue;
            }
            city = new Geography
            {
                Kind = GeographyKind.City,
                Fips = row.Fips,
                Name = row.Name,
                StateFips = row.StateFips,
                StateName = row.StateName,
                StateAbbr = row.StateAbbr,
            };
            db.Geographies.Add(city);
            known[row.Fips] = city;
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);

        var ids = known.Values.Select(c => c.Id).ToList();
        var stored = await db.GeographyPopulations
            .Where(p => ids.Contains(p.GeographyId))
            .ToDictionaryAsync(p => (p.GeographyId, p.Year), cancellationToken);
        var written = 0;
        foreach (var row in populations)
        {
            if (!known.TryGetValue(row.Fips, out var city))
            {
                throw new InvalidDataException($"{populationsPath}: {row.Fips} is not in {citiesPath}.");
            }
            if (!stored.TryGetValue((city.Id, row.Year), out var figure))
            {
                db.GeographyPopulations.Add(new GeographyPopulation { GeographyId = city.Id, Year = row.Year, Population = row.Population });
                written++;
            }
            else if (figure.ImportId is null && figure.Population != row.Population)
            {
                figure.Population = row.Population;
                written++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CityListChanges(added, named, written);
    }
}
