using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UpwardMobility.Web.Map;

/// <summary>A county or state outline in the map's frame: integer coordinates in 1/<see cref="MapShapes.Factor"/> of a frame unit.</summary>
/// <param name="Box">Bounds: min x, min y, max x, max y.</param>
/// <param name="Rings">Each ring: x0, y0, then the deltas to each next point.</param>
/// <param name="Dot">For cities too small to have an area at this scale: where to draw a dot instead.</param>
/// <param name="ReplacedBy">For a historical shape: the current counties that now cover its area.</param>
public sealed record MapShape(string Fips, bool Historical, int[] Box, int[][] Rings, int[]? Dot, IReadOnlyList<string> ReplacedBy)
{
    public string StateFips => Fips[..2];
}

/// <summary>
/// The county and state shapes, pre-projected to the 975×610 Albers USA frame of us-atlas and stored as integers
/// (<c>data/geo/map-shapes.json</c>, written by <c>data/scripts/build-geo.mjs</c>). Loaded once; the SVG paths are
/// written per view at the precision that view needs (<see cref="Path"/>), so no coordinate finer than a fraction of
/// a screen pixel is ever sent. Current shapes are the 2023 Census edition (with Connecticut's planning regions);
/// the old Connecticut counties and Valdez-Cordova are kept as historical shapes for data keyed by those codes.
/// </summary>
public sealed class MapShapes(IConfiguration configuration)
{
    public const string FileName = "map-shapes.json";

    /// <summary>The frame's width and height, in frame units.</summary>
    public const int Width = 975, Height = 610;

    private readonly Lazy<Loaded> _loaded = new(() => Load(Path(configuration)));

    private readonly Lazy<IReadOnlyDictionary<string, (int X, int Y)>> _cities = new(() => LoadCityPoints(
        System.IO.Path.Combine(WebSetup.DataFolder(configuration), "geo", CityPointsFileName)));

    /// <summary>Where each city is drawn (<c>data/geo/city-points.csv</c>, written by <c>data/scripts/build-city-points.mjs</c>).</summary>
    public const string CityPointsFileName = "city-points.csv";

    /// <summary>Whether the map draws this place: a county with a shape, a city with a point.</summary>
    public bool IsDrawn(Core.Geographies.PlaceKind kind, string fips) =>
        kind == Core.Geographies.PlaceKind.City ? CityPoints.ContainsKey(fips) : CountyFips.Contains(fips);

    /// <summary>Each city's point in stored units (1/<see cref="Factor"/> of a frame unit), by 7-digit FIPS code.</summary>
    public IReadOnlyDictionary<string, (int X, int Y)> CityPoints => _cities.Value;

    public static int Factor => 100;

    /// <summary>The FIPS codes that have a shape (current or historical).</summary>
    public IReadOnlySet<string> CountyFips => _loaded.Value.Fips;

    public IReadOnlyList<MapShape> Counties => _loaded.Value.Counties;

    public IReadOnlyDictionary<string, MapShape> States => _loaded.Value.States;

    /// <summary>Lines between two states.</summary>
    public IReadOnlyList<int[]> Borders => _loaded.Value.Borders;

    /// <summary>
    /// An SVG path for rings in stored units, in a coordinate system of <paramref name="step"/> stored units per unit
    /// with the origin at (<paramref name="originX"/>, <paramref name="originY"/>): absolute points are rounded first,
    /// so a border shared by two counties is written identically for both and no gap opens between them.
    /// </summary>
    public static void Path(StringBuilder into, IEnumerable<int[]> rings, int step, int originX, int originY, bool closed)
    {
        foreach (var ring in rings)
        {
            long x = ring[0], y = ring[1];
            var px = Quantise(x - originX, step);
            var py = Quantise(y - originY, step);
            into.Append('M').Append(px.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(py.ToString(CultureInfo.InvariantCulture));
            var wrote = 0;
            for (var i = 2; i + 1 < ring.Length; i += 2)
            {
                x += ring[i];
                y += ring[i + 1];
                var qx = Quantise(x - originX, step);
                var qy = Quantise(y - originY, step);
                if (qx == px && qy == py)
                {
                    continue;
                }
                into.Append(wrote == 0 ? "l" : (qx - px) < 0 ? "" : " ");
                into.Append((qx - px).ToString(CultureInfo.InvariantCulture));
                if (qy - py >= 0)
                {
                    into.Append(' ');
                }
                into.Append((qy - py).ToString(CultureInfo.InvariantCulture));
                (px, py) = (qx, qy);
                wrote++;
            }
            if (closed)
            {
                into.Append('z');
            }
        }
    }

    public static long Quantise(long value, int step) => (long)Math.Round((double)value / step, MidpointRounding.AwayFromZero);

    private static string Path(IConfiguration configuration) =>
        System.IO.Path.Combine(WebSetup.DataFolder(configuration), "geo", FileName);

    private sealed record Loaded(HashSet<string> Fips, List<MapShape> Counties, Dictionary<string, MapShape> States, List<int[]> Borders);

    private static Loaded Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The map shapes are missing: {path}. Run data/scripts/build-geo.mjs.", path);
        }
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (root.GetProperty("factor").GetInt32() != Factor || root.GetProperty("width").GetInt32() != Width || root.GetProperty("height").GetInt32() != Height)
        {
            throw new InvalidDataException($"{path}: expected a {Width}×{Height} frame in 1/{Factor} units.");
        }
        var counties = root.GetProperty("counties").EnumerateArray().Select(Shape).ToList();
        var states = root.GetProperty("states").EnumerateArray().Select(Shape).ToDictionary(s => s.Fips, StringComparer.Ordinal);
        var borders = root.GetProperty("borders").EnumerateArray().Select(Ints).ToList();
        return new Loaded(counties.Select(c => c.Fips).ToHashSet(StringComparer.Ordinal), counties, states, borders);
    }

    private static Dictionary<string, (int X, int Y)> LoadCityPoints(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The city points are missing: {path}. Run data/scripts/build-city-points.mjs.", path);
        }
        var points = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length == 3)
            {
                points[parts[0]] = (
                    (int)Math.Round(double.Parse(parts[1], CultureInfo.InvariantCulture) * Factor),
                    (int)Math.Round(double.Parse(parts[2], CultureInfo.InvariantCulture) * Factor));
            }
        }
        return points;
    }

    private static MapShape Shape(JsonElement e) => new(
        e.GetProperty("fips").GetString()!,
        e.TryGetProperty("historical", out var h) && h.GetBoolean(),
        Ints(e.GetProperty("box")),
        e.GetProperty("rings").EnumerateArray().Select(Ints).ToArray(),
        e.TryGetProperty("dot", out var dot) ? Ints(dot) : null,
        e.TryGetProperty("replacedBy", out var replaced) ? replaced.EnumerateArray().Select(r => r.GetString()!).ToArray() : []);

    private static int[] Ints(JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetInt32();
        }
        return values;
    }
}
