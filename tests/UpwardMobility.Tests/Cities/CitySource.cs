using System.Globalization;
using System.Text;
using UpwardMobility.Tests.Import;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Cities;

/// <summary>
/// Urban's city files (<c>../shared/data/urban-cities</c>) and crosswalks (<c>../shared/data/crosswalks</c>), read
/// independently of the app (with <see cref="UrbanSource"/>'s own CSV splitting) to check what it stored.
/// </summary>
public static class CitySource
{
    static CitySource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string CitiesFolder => Existing(Path.GetFullPath(Path.Combine(TestEnvironment.RepoRoot, "..", "shared", "data", "urban-cities")));

    public static string CrosswalksFolder => Existing(Path.GetFullPath(Path.Combine(TestEnvironment.RepoRoot, "..", "shared", "data", "crosswalks")));

    /// <summary>Every city file's name, in import order.</summary>
    public static IReadOnlyList<string> AllFiles { get; } = Directory.EnumerateFiles(CitiesFolder, "*.csv")
        .Select(Path.GetFileName).Select(f => f!).Order(StringComparer.Ordinal).ToList();

    public static string PathOf(string file) => Path.Combine(CitiesFolder, file);

    /// <summary>The file as <see cref="UrbanSource"/> names files: relative to the county data folder.</summary>
    public static string UrbanRelative(string file) => "../urban-cities/" + file;

    /// <summary>Rows of a crosswalk file as header → field (the geocorr file is Windows-1252).</summary>
    public static List<Dictionary<string, string>> ReadCrosswalk(string file)
    {
        var path = Path.Combine(CrosswalksFolder, file);
        var text = file.StartsWith("geocorr", StringComparison.Ordinal)
            ? File.ReadAllText(path, Encoding.GetEncoding(1252))
            : UrbanSource.ReadText(path);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var header = UrbanSource.SplitLine(lines[0]).Select(h => h.Trim().Trim('\uFEFF')).ToArray();
        return lines.Skip(1).Select(l =>
        {
            var fields = UrbanSource.SplitLine(l);
            return header.Select((h, i) => (h, fields[i].Trim())).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Existing(string path) => Directory.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} is missing: the tests expect shared/data beside the repository folder.");
}
