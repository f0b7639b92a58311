using System.Data.Common;

namespace UpwardMobility.Core.Import;

/// <summary>Plain SQL inside the caller's transaction, for the set-based stores of an import.</summary>
internal static class TransactionSql
{
    public static DbCommand Command(this DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // Bulk statements over a million rows: the default 30 s is for interactive queries.
        command.CommandTimeout = 600;
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = transaction.Command(sql);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
