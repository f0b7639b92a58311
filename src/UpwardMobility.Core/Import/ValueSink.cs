using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace UpwardMobility.Core.Import;

/// <summary>
/// One bulk write of value rows into one table: a binary COPY on PostgreSQL, a prepared insert on SQLite. The last
/// column is the import id (values table) or the file line (staging). Dispose without <see cref="Complete"/> abandons
/// the write; either way the caller's transaction decides what is kept.
/// </summary>
internal abstract class ValueSink : IDisposable
{
    public abstract void Write(in TidyValue v, int lastColumn);

    public abstract void Complete();

    public abstract void Dispose();

    public static ValueSink Open(DbConnection connection, DbTransaction transaction, string table, string lastColumn) => connection switch
    {
        NpgsqlConnection npgsql => new CopySink(npgsql, $"COPY {table} ({ValueWriter.ValueColumns}, {lastColumn}) FROM STDIN (FORMAT BINARY)"),
        _ => new SqliteInsertSink(transaction, $"INSERT INTO {table} ({ValueWriter.ValueColumns}, {lastColumn}) VALUES ($geo, $metric, $year, $type, $subgroup, $value, $lb, $ub, $quality, $text, $last)"),
    };

    private sealed class CopySink(NpgsqlConnection connection, string copy) : ValueSink
    {
        private readonly BinaryCopyWriter writer = new(connection, copy);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Write(in TidyValue v, int lastColumn)
        {
            writer.StartRow(11);
            writer.WriteInt32(v.GeographyId);
            writer.WriteInt32(v.MetricId);
            writer.WriteInt16(v.Year);
            writer.WriteText(v.SubgroupType);
            writer.WriteText(v.Subgroup);
            writer.WriteFloat8(v.Value);
            writer.WriteFloat8(v.LowerBound);
            writer.WriteFloat8(v.UpperBound);
            writer.WriteInt16((short)v.Quality);
            writer.WriteText(v.ValueText);
            writer.WriteInt32(lastColumn);
        }

        public override void Complete() => writer.Complete();

        public override void Dispose() => writer.Dispose();
    }

    private sealed class SqliteInsertSink : ValueSink
    {
        private static readonly string[] Names = ["$geo", "$metric", "$year", "$type", "$subgroup", "$value", "$lb", "$ub", "$quality", "$text", "$last"];
        private readonly DbCommand command;
        private readonly SqliteParameter[] p = new SqliteParameter[Names.Length];

        public SqliteInsertSink(DbTransaction transaction, string insert)
        {
            command = transaction.Command(insert);
            for (var i = 0; i < Names.Length; i++)
            {
                p[i] = new SqliteParameter { ParameterName = Names[i] };
                command.Parameters.Add(p[i]);
            }
            command.Prepare();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Write(in TidyValue v, int lastColumn)
        {
            p[0].Value = v.GeographyId;
            p[1].Value = v.MetricId;
            p[2].Value = v.Year;
            p[3].Value = v.SubgroupType;
            p[4].Value = v.Subgroup;
            p[5].Value = (object?)v.Value ?? DBNull.Value;
            p[6].Value = (object?)v.LowerBound ?? DBNull.Value;
            p[7].Value = (object?)v.UpperBound ?? DBNull.Value;
            p[8].Value = (int)v.Quality;
            p[9].Value = (object?)v.ValueText ?? DBNull.Value;
            p[10].Value = lastColumn;
            command.ExecuteNonQuery();
        }

        public override void Complete()
        {
        }

        public override void Dispose() => command.Dispose();
    }
}
