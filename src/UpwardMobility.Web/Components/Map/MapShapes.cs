using System.Text.Json;

namespace UpwardMobility.Web.Components.Map;

/// <summary>
/// The FIPS codes that have a shape in the bundled county boundaries. The boundaries predate Connecticut's 2022
/// planning regions (and Falls Church is too small to keep), so the map page lists values without a shape instead
/// of letting Plotly drop them without a word.
/// </summary>
public sealed class MapShapes(IWebHostEnvironment environment)
{
    public const string CountiesPath = "geo/counties.geojson";

    private readonly Lazy<IReadOnlySet<string>> _counties = new(() => Load(environment, CountiesPath));

    public IReadOnlySet<string> CountyFips => _counties.Value;

    private static HashSet<string> Load(IWebHostEnvironment environment, string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"The map shapes are missing: wwwroot/{path}. Run data/scripts/build-geo.mjs.", path);
        }
        using var stream = file.CreateReadStream();
        using var document = JsonDocument.Parse(stream);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.TryGetProperty("id", out var id) && id.GetString() is { } fips)
            {
                ids.Add(fips);
            }
        }
        return ids;
    }
}
