using System.Security.Cryptography;
using System.Text;

namespace UpwardMobility.Core.Import;

/// <summary>SHA-256 and text encoding of a file, found in one streaming pass (UTF-8 with or without BOM, else Windows-1252).</summary>
public sealed record FileFingerprint(string Sha256, Encoding Encoding, string EncodingName, long Length)
{
    static FileFingerprint() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<FileFingerprint> ComputeAsync(string path, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        var validUtf8 = true;
        var hasBom = false;
        long length = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (length == 0 && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            {
                hasBom = true;
            }
            length += read;
            sha.AppendData(buffer, 0, read);
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
        return validUtf8
            ? new FileFingerprint(hash, new UTF8Encoding(false), hasBom ? "UTF-8 with BOM" : "UTF-8", length)
            : new FileFingerprint(hash, Utf8ElseWindows1252, "Windows-1252", length);
    }

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
