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
            : new FileFingerprint(hash, Encoding.GetEncoding(1252), "Windows-1252", length);
    }
}
