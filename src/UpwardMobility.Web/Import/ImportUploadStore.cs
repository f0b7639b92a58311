using System.Buffers;

namespace UpwardMobility.Web.Import;

/// <summary>
/// Uploads of one import page, streamed to a private temp folder (never buffered whole in memory) and kept there
/// so a dry run can be committed without uploading again. Disposing deletes the folder and everything in it.
/// </summary>
public sealed class ImportUploadStore : IDisposable
{
    public const string FolderPrefix = "upward-import-";

    /// <summary>Folders a crashed process left behind are removed once they are this old.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    private const int BufferSize = 1 << 16;
    private const int SniffBytes = 1 << 16;
    private readonly long _maxBytes;
    private bool _disposed;

    public ImportUploadStore(long maxBytes)
    {
        _maxBytes = maxBytes;
        RemoveStaleFolders();
        // The owner's process id in the name: a folder whose process is gone is swept at the next start.
        Folder = Directory.CreateTempSubdirectory(OwnFolderPrefix).FullName;
    }

    private static string OwnFolderPrefix => $"{FolderPrefix}{Environment.ProcessId}-";

    /// <summary>
    /// At start-up: removes the upload folders of processes that are gone (killed mid-upload, say), and any older than
    /// <see cref="StaleAfter"/>. Folders of other running instances sharing the temp folder stay. Returns how many went.
    /// </summary>
    public static int SweepLeftovers()
    {
        var removed = 0;
        try
        {
            var cutoff = DateTime.UtcNow - StaleAfter;
            foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(FolderPrefix + "*"))
            {
                var owner = OwnerOf(folder.Name);
                if (folder.LastWriteTimeUtc < cutoff || owner is null || (owner != Environment.ProcessId && !IsRunning(owner.Value)))
                {
                    removed += TryDeleteFolder(folder.FullName) ? 1 : 0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only.
        }
        return removed;
    }

    private static int? OwnerOf(string folderName)
    {
        var rest = folderName.AsSpan(FolderPrefix.Length);
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The private temp folder (created with owner-only permissions on Unix).</summary>
    public string Folder { get; }

    /// <summary>
    /// Copies <paramref name="source"/> to a new temp file, reporting bytes copied so far. Refuses (and deletes) a file
    /// that is not text or exceeds the limit; on any failure or cancellation nothing is left behind.
    /// </summary>
    public async Task<StagedUpload> SaveAsync(Stream source, string fileName, Action<long>? progress = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = DisplayName(fileName);
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".csv");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            long newlines = 0;
            byte last = 0;
            var unicode = false;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    if (size == 0)
                    {
                        unicode = chunk is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..];
                    }
                    // UTF-16 and UTF-32 (read when they start with their byte-order mark) hold NUL bytes; other text has none.
                    if (!unicode && size < SniffBytes && chunk[..(int)Math.Min(read, SniffBytes - size)].Contains((byte)0))
                    {
                        throw new UploadRejectedException(
                            $"{name} was not uploaded: it is not a plain-text CSV file (it may be a spreadsheet or archive renamed to .csv, or UTF-16 text without a byte-order mark: save it as CSV UTF-8).");
                    }
                    size += read;
                    if (size > _maxBytes)
                    {
                        throw new UploadRejectedException($"{name} was not uploaded: it is larger than the limit of {ImportFormat.Megabytes(_maxBytes)}.");
                    }
                    // An estimate for the progress bar: in UTF-16 a few letters hold a 0x0A byte too.
                    newlines += chunk.Count((byte)'\n');
                    var lastText = chunk.LastIndexOfAnyExcept((byte)0); // UTF-16's "\n" is 0A 00 (or 00 0A)
                    last = lastText >= 0 ? chunk[lastText] : last;
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    progress?.Invoke(size);
                }
            }
            if (size == 0)
            {
                throw new UploadRejectedException($"{name} was not uploaded: it is empty.");
            }
            var lines = newlines + (last == (byte)'\n' ? 0 : 1);
            return new StagedUpload(name, path, size, (int)Math.Clamp(lines - 1, 0, int.MaxValue));
        }
        catch
        {
            TryDeleteFile(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Delete(StagedUpload upload)
    {
        if (Path.GetDirectoryName(upload.Path) == Folder)
        {
            TryDeleteFile(upload.Path);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        TryDeleteFolder(Folder);
    }

    /// <summary>The browser's file name without any folder part or control characters, at most 200 characters.</summary>
    public static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            return "upload.csv";
        }
        if (name.Length <= 200)
        {
            return name;
        }
        var extension = Path.GetExtension(name);
        extension = extension.Length <= 10 ? extension : "";
        return name[..(200 - extension.Length)] + extension;
    }

    private static void RemoveStaleFolders()
    {
        try
        {
            var cutoff = DateTime.UtcNow - StaleAfter;
            foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(FolderPrefix + "*"))
            {
                if (folder.LastWriteTimeUtc < cutoff)
                {
                    TryDeleteFolder(folder.FullName);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed with the folder when the store is disposed.
        }
    }

    private static bool TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open (Windows); the stale-folder sweep removes it later.
            return false;
        }
    }
}
