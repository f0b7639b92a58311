using System.Text;

namespace UpwardMobility.Tests.Import;

/// <summary>A temporary folder for hand-written or modified CSV files; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    static TempFolder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Not the upload store's "upward-import-" prefix: every app start sweeps those folders without a live owner's pid,
    // which deleted the files of tests running beside it.
    public string Path { get; } = Directory.CreateTempSubdirectory("upward-test-files-").FullName;

    /// <summary>Writes lines joined by LF (and a final LF), UTF-8 without BOM unless an encoding is given.</summary>
    public string Write(string name, IEnumerable<string> lines, Encoding? encoding = null, string newline = "\n")
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, string.Join(newline, lines) + newline, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string Write(string name, params string[] lines) => Write(name, (IEnumerable<string>)lines);

    /// <summary>
    /// A copy of a real file with some of its lines changed: <paramref name="edit"/> gets each line and its 1-based
    /// number and returns the line to write, or null to leave it out.
    /// </summary>
    public string EditedCopy(string sourcePath, string name, Func<string, int, string?> edit)
    {
        var lines = UrbanSource.ReadText(sourcePath).Split('\n');
        if (lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }
        return Write(name, lines.Select((line, i) => edit(line, i + 1)).OfType<string>());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
