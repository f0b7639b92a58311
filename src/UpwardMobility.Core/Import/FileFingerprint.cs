using System.Security.Cryptography;
using System.Text;

namespace UpwardMobility.Core.Import;

/// <summary>
/// SHA-256 and text encoding of a file, found in one streaming pass: UTF-16 or UTF-32 when the file starts with
/// their byte-order mark, else UTF-8 (with or without BOM) when every byte sequence is valid UTF-8, else Windows-1252
/// (see <see cref="Utf8ElseWindows1252"/>). <see cref="ContainsNul"/>: a text file in none of those encodings has no
/// NUL byte; UTF-16 without a byte-order mark has one in every ASCII character.
/// </summary>
public sealed record FileFingerprint(string Sha256, Encoding Encoding, string EncodingName, long Length, bool ContainsNul)
{
    /// <summary>
    /// Set when the bytes that are not UTF-8 do not read as Windows-1252 text either (Shift-JIS, GB2312, EUC-KR…):
    /// codes Windows-1252 leaves unused, or mostly its rare C1 punctuation, where real Latin text has letters.
    /// Such a file would be read as garbage without a word, so it is refused.
    /// </summary>
    public string? EncodingProblem { get; init; }

    static FileFingerprint() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<FileFingerprint> ComputeAsync(string path, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var foreign = new ForeignBytes();
        var counting = foreign.Decoder();
        var buffer = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        var validUtf8 = true;
        var containsNul = false;
        (Encoding Encoding, string Name)? marked = null;
        long length = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (length == 0)
            {
                marked = ByByteOrderMark(buffer.AsSpan(0, read));
            }
            length += read;
            sha.AppendData(buffer, 0, read);
            if (marked is { Encoding: not UTF8Encoding })
            {
                continue; // UTF-16 and UTF-32 hold NUL bytes and are not UTF-8: nothing more to find out
            }
            containsNul |= buffer.AsSpan(0, read).Contains((byte)0);
            counting.GetChars(buffer, 0, read, chars, 0, flush: false);
            if (validUtf8)
            {
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }
        }
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        return marked is { Encoding: not UTF8Encoding } unicode
            ? new FileFingerprint(hash, unicode.Encoding, unicode.Name, length, false)
            : validUtf8
                ? new FileFingerprint(hash, new UTF8Encoding(false), marked is null ? "UTF-8" : "UTF-8 with BOM", length, containsNul)
                : new FileFingerprint(hash, Utf8ElseWindows1252, "Windows-1252", length, containsNul) { EncodingProblem = foreign.Problem() };
    }

    /// <summary>Counts the bytes that are not UTF-8, and those of them Windows-1252 leaves unused or gives to C1 punctuation.</summary>
    private sealed class ForeignBytes : DecoderFallback
    {
        private long total, c1, unused;

        public override int MaxCharCount => 1;

        public Decoder Decoder()
        {
            var encoding = (Encoding)new UTF8Encoding(false).Clone();
            encoding.DecoderFallback = this;
            return encoding.GetDecoder();
        }

        public string? Problem()
        {
            // Latin text in Windows-1252 has letters (0xC0 and up) where Asian double-byte encodings use 0x80–0x9F.
            if (unused == 0 && (total < 8 || c1 * 4 <= total))
            {
                return null;
            }
            return $"The file is not UTF-8, and it does not read as Windows-1252 either: {c1:N0} of its {total:N0} non-UTF-8 bytes are codes " +
                "Windows-1252 leaves unused or keeps for rare punctuation, as text in Shift-JIS or another Asian encoding has. Save it as CSV UTF-8 and import it again.";
        }

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Counter(this);

        private sealed class Counter(ForeignBytes owner) : DecoderFallbackBuffer
        {
            private bool pending;

            public override int Remaining => pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                foreach (var b in bytesUnknown)
                {
                    owner.total++;
                    if (b is >= 0x80 and <= 0x9F)
                    {
                        owner.c1++;
                        if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
                        {
                            owner.unused++;
                        }
                    }
                }
                pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!pending)
                {
                    return '\0';
                }
                pending = false;
                return '?';
            }

            public override bool MovePrevious() => false;

            public override void Reset() => pending = false;
        }
    }

    private static (Encoding, string)? ByByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), "UTF-8 with BOM"),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: true), "UTF-32 LE"),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), "UTF-32 BE"),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: true), "UTF-16 LE"),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: true), "UTF-16 BE"),
        _ => null,
    };

    /// <summary>
    /// For files that are not valid UTF-8: UTF-8 where the bytes are valid UTF-8, Windows-1252 for each byte that is
    /// not. A pure Windows-1252 file reads as Windows-1252 (its accented letters are never valid UTF-8 sequences in
    /// real names), and a file mixing both, like Urban's county-populations.csv, keeps every name intact.
    /// </summary>
    private static readonly Encoding Utf8ElseWindows1252 = CreateUtf8ElseWindows1252();

    private static Encoding CreateUtf8ElseWindows1252()
    {
        var encoding = (Encoding)new UTF8Encoding(false).Clone();
        encoding.DecoderFallback = new Windows1252Fallback();
        return encoding;
    }

    private sealed class Windows1252Fallback : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private static readonly Encoding Windows1252 = Encoding.GetEncoding(1252);
            private char[] chars = [];
            private int next;

            public override int Remaining => chars.Length - next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                chars = Windows1252.GetChars(bytesUnknown);
                next = 0;
                return chars.Length > 0;
            }

            public override char GetNextChar() => next < chars.Length ? chars[next++] : '\0';

            public override bool MovePrevious()
            {
                if (next == 0)
                {
                    return false;
                }
                next--;
                return true;
            }

            public override void Reset()
            {
                chars = [];
                next = 0;
            }
        }
    }
}
