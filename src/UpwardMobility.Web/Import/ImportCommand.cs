using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

/// <summary>
/// <c>dotnet run --project src/UpwardMobility.Web -- import [--dry-run] [--year N] [--accept-partial] PATH...</c>:
/// imports files or folders (their CSV files, sorted by name) in the order given, with the web app's database settings.
/// Exit code 0 when every file was imported (or passed its dry run), 1 when any was not, 2 for a usage error.
/// The arguments are parsed in <see cref="CommandLineVerbs"/>.
/// </summary>
public sealed class ImportCommand
{
    public const string Verb = "import";

    public bool DryRun { get; init; }
    public bool AcceptPartial { get; init; }
    public short? Year { get; init; }
    public List<string> Paths { get; } = [];

    // `dotnet run --project` starts the app in the project folder; relative paths mean the caller's folder,
    // which the shell still passes on as PWD.
    private static string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd ? pwd : Environment.CurrentDirectory);

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var files = new List<string>();
        foreach (var path in Paths.Select(ResolvePath))
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await output.WriteLineAsync($"{path}: no such file or folder.");
                return 1;
            }
        }
        var importer = services.GetRequiredService<MetricImportService>();
        var options = new ImportOptions { DryRun = DryRun, AcceptPartial = AcceptPartial, Year = Year, UserName = $"cli:{Environment.UserName}" };
        var failures = 0;
        foreach (var file in files)
        {
            // The service writes the audit entry of a committed import in the import's own transaction.
            var report = await importer.ImportFileAsync(file, Path.GetFileName(file), options, null, ct);
            await ImportReportPrinter.PrintAsync(report, output);
            if (report.Outcome is ImportOutcome.Failed or ImportOutcome.NotImported)
            {
                failures++;
            }
        }
        await output.WriteLineAsync($"{files.Count - failures} of {files.Count} file(s) {(DryRun ? "passed the dry run" : "imported")}.");
        return failures == 0 ? 0 : 1;
    }
}
