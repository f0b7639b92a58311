using Npgsql;
using UpwardMobility.Core.Data;
using UpwardMobility.Core.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Import;

/// <summary>The hand-written binary COPY format reaches PostgreSQL intact; an abandoned COPY writes nothing.</summary>
public sealed class BinaryCopyWriterTests
{
    [Fact]
    public async Task Rows_arrive_as_written_and_an_abandoned_copy_leaves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("CREATE TEMP TABLE copied (n integer, s smallint, d double precision, t varchar)", connection).ExecuteNonQueryAsync();
        // Longer than the writer's buffer, and not ASCII.
        var longText = string.Concat(Enumerable.Repeat("Doña Ana ", 20_000));
        var rows = new (int N, short S, double? D, string? T)[]
        {
            (1, 2, 0.19 / 0.272, "Doña Ana"),
            (int.MinValue, short.MaxValue, null, null),
            (-7, short.MinValue, -1e-300, longText),
            (0, 0, double.MaxValue, ""),
        };

        using (var writer = new BinaryCopyWriter(connection, "COPY copied (n, s, d, t) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (n, s, d, t) in rows.Concat(Enumerable.Repeat(rows[0], 10_000)))
            {
                writer.StartRow(4);
                writer.WriteInt32(n);
                writer.WriteInt16(s);
                writer.WriteFloat8(d);
                writer.WriteText(t);
            }
            writer.Complete();
        }
        var read = new List<(int, short, double?, string?)>();
        await using (var reader = await new NpgsqlCommand("SELECT n, s, d, t FROM copied ORDER BY ctid LIMIT 4", connection).ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                read.Add((reader.GetInt32(0), reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }
        Assert.Equal(rows, read);
        Assert.Equal(10_004L, await new NpgsqlCommand("SELECT count(*) FROM copied", connection).ExecuteScalarAsync());

        using (var abandoned = new BinaryCopyWriter(connection, "COPY copied (n, s, d, t) FROM STDIN (FORMAT BINARY)"))
        {
            abandoned.StartRow(4);
            abandoned.WriteInt32(99);
            abandoned.WriteInt16(1);
            abandoned.WriteFloat8(1);
            abandoned.WriteText("never kept");
        }
        // The connection is still usable and nothing of the abandoned COPY is there.
        Assert.Equal(10_004L, await new NpgsqlCommand("SELECT count(*) FROM copied", connection).ExecuteScalarAsync());
    }
}
