using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (see "Binary Format" under COPY in the PostgreSQL manual) into
/// Npgsql's raw COPY stream. Npgsql's own <see cref="NpgsqlBinaryImporter"/> binds every field through its type
/// system; at 8.6 million fields that was 4 of the import's 10 seconds of client CPU, more than reading the CSV.
/// Only the four types the values table needs are written. Dispose without <see cref="Complete"/> aborts the COPY
/// (nothing written reaches the table).
/// </summary>
public sealed class BinaryCopyWriter : IDisposable
{
    private const int BufferSize = 1 << 16;

    // Signature, flags (no OIDs), header extension length.
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream stream;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int position;
    private bool ended;

    public BinaryCopyWriter(NpgsqlConnection connection, string copyFromStdinBinary)
    {
        stream = connection.BeginRawBinaryCopy(copyFromStdinBinary);
        Header.CopyTo(buffer, 0);
        position = Header.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartRow(short fields)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), fields);
        position += 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt16(short value)
    {
        Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position + 4), value);
        position += 6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value)
    {
        Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position + 4), value);
        position += 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFloat8(double? value)
    {
        if (value is not { } v)
        {
            WriteNull();
            return;
        }
        Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(position + 4), v);
        position += 12;
    }

    /// <summary>Text in UTF-8, the client encoding Npgsql sets for every connection.</summary>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Reserve(4 + max);
        var length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(position + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), length);
        position += 4 + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteNull()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), -1);
        position += 4;
    }

    /// <summary>Ends the COPY; errors the server found in the rows (a repeated key, say) surface here.</summary>
    public void Complete()
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), -1);
        position += 2;
        Flush();
        ended = true;
        stream.Dispose();
    }

    public void Dispose()
    {
        if (!ended)
        {
            ended = true;
            try
            {
                stream.Cancel();
            }
            catch (NpgsqlException)
            {
                // Cancelling reports the server's own error if it had already stopped (a repeated key): the
                // exception that brought us here is the one to surface, and the caller's transaction is rolled back.
            }
            catch (ObjectDisposedException)
            {
                // The stream ended itself on a broken connection.
            }
        }
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int bytes)
    {
        if (position + bytes > buffer.Length)
        {
            Grow(bytes);
        }
    }

    private void Grow(int bytes)
    {
        Flush();
        if (bytes > buffer.Length)
        {
            // A value longer than the buffer (never in practice: texts are at most a few hundred characters).
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    private void Flush()
    {
        stream.Write(buffer, 0, position);
        position = 0;
    }
}
