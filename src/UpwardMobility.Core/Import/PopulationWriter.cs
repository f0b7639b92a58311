using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Set-based writes of population figures (tens of thousands per file): staged like values, then merged with three
/// statements that keep what they replace for rollback. Runs inside the caller's transaction.
/// </summary>
public sealed class PopulationWriter(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
{
    private const string Staging = "population_staging";

    /// <summary>
    /// The figures read from a file, the later one where a file gives a place and year twice (a warning when they
    /// differ).
    /// </summary>
    /// <param name="kind">
    /// The file's kind: population weights come from one declared source whatever else is imported (Urban's population
    /// files, else the headline files', never a combined release's ACS <c>population</c> over them; <see cref="SourceKind"/>).
    /// </param>
    public async Task<PopulationResult> WriteAsync(int importId, IReadOnlyList<PopulationRow> rows, SourceKind kind, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return PopulationResult.None;
        }
        var latest = new Dictionary<(int, short), long>();
        var warnings = new List<string>();
        foreach (var (id, year, population, line) in rows)
        {
            if (latest.TryGetValue((id, year), out var earlier) && earlier != population && warnings.Count < 50)
            {
                warnings.Add($"Line {line}: a second, different population for the same place and year; the later one was kept.");
            }
            latest[(id, year)] = population;
        }
        var written = await WriteAsync(importId, latest.Select(p => (p.Key.Item1, p.Key.Item2, p.Value)), ct, kind);
        return new PopulationResult(written, warnings);
    }

    /// <summary>Writes one figure per (geography, year); returns how many were new or different.</summary>
    public async Task<int> WriteAsync(int importId, IEnumerable<(int GeographyId, short Year, long Population)> rows, CancellationToken ct, SourceKind kind = SourceKind.Unknown)
    {
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
        await transaction.ExecuteAsync(provider == DatabaseProvider.Postgres
            ? $"CREATE TEMP TABLE {Staging} (geography_id integer NOT NULL, year smallint NOT NULL, population bigint NOT NULL, PRIMARY KEY (geography_id, year)) ON COMMIT DROP"
            : $"CREATE TEMP TABLE {Staging} (geography_id INTEGER NOT NULL, year INTEGER NOT NULL, population INTEGER NOT NULL, PRIMARY KEY (geography_id, year))", ct);
        if (provider == DatabaseProvider.Postgres)
        {
            await using var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync($"COPY {Staging} (geography_id, year, population) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (geographyId, year, population) in rows)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(geographyId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(year, NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync(population, NpgsqlDbType.Bigint, ct);
            }
            await writer.CompleteAsync(ct);
        }
        else
        {
            await using var insert = transaction.Command($"INSERT INTO {Staging} (geography_id, year, population) VALUES ($geo, $year, $population)");
            var geo = new SqliteParameter { ParameterName = "$geo" };
            var yearParameter = new SqliteParameter { ParameterName = "$year" };
            var populationParameter = new SqliteParameter { ParameterName = "$population" };
            insert.Parameters.AddRange(new[] { geo, yearParameter, populationParameter });
            insert.Prepare();
            foreach (var (geographyId, year, population) in rows)
            {
                geo.Value = geographyId;
                yearParameter.Value = year;
                populationParameter.Value = population;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        // Only the integer import id is spliced into the SQL.
        const string Join = "p.geography_id = s.geography_id AND p.year = s.year";
        // Precedence, not import order: a figure from a file that outranks this one stays; one this file outranks is
        // taken over even where equal (so the weights' provenance is the same in any order). Unknown (0) outranks nothing.
        var rank = (int)kind;
        var storedRank = "COALESCE((SELECT i.source_kind FROM imports i WHERE i.id = p.import_id), 0)";
        var replaces = $"(({storedRank} = 0 OR {storedRank} <= {rank}) AND (p.population <> s.population OR {storedRank} < {rank}))";
        var replaced = await transaction.ExecuteAsync($"""
            INSERT INTO replaced_populations (import_id, geography_id, year, population, previous_import_id)
            SELECT {importId}, p.geography_id, p.year, p.population, p.import_id
            FROM geography_populations p JOIN {Staging} s ON {Join}
            WHERE {replaces}
            """, ct);
        if (replaced > 0)
        {
            await transaction.ExecuteAsync($"""
                UPDATE geography_populations AS p SET population = s.population, import_id = {importId}
                FROM {Staging} s WHERE {Join} AND {replaces}
                """, ct);
        }
        var inserted = await transaction.ExecuteAsync($"""
            INSERT INTO geography_populations (geography_id, year, population, import_id)
            SELECT s.geography_id, s.year, s.population, {importId} FROM {Staging} s
            WHERE NOT EXISTS (SELECT 1 FROM geography_populations p WHERE {Join})
            """, ct);
        await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
        return replaced + inserted;
    }
}
