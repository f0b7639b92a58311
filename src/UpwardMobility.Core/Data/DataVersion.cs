using Microsoft.EntityFrameworkCore;

namespace UpwardMobility.Core.Data;

/// <summary>
/// A token that changes whenever the published data may have: a new import, a rollback, or any audited edit (catalog,
/// counties, plans). Cached pages vary by it, so a change shows at once, in this process or after an import run from
/// the command line by another. One indexed query per request (two MAX lookups on primary keys and a count of the
/// few rolled-back imports), far cheaper than rendering a page.
/// </summary>
public sealed class DataVersion(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string Sql = """
        SELECT (SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM audit_entries),
               (SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM imports),
               (SELECT COUNT(*) FROM imports WHERE rolled_back_at_utc IS NOT NULL)
        """;

    public async ValueTask<string> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0)}.{reader.GetInt64(1)}.{reader.GetInt64(2)}");
    }
}
