using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Nation;

public enum ColourScaleKind
{
    /// <summary>Two hues from a centre: blue better, orange worse, white at the benchmark.</summary>
    Diverging = 1,

    /// <summary>One hue, light to dark: for measures with no better or worse.</summary>
    Sequential = 2,
}

/// <summary>A colour of the map's scale at one value (stored units), for the legend.</summary>
public sealed record LegendStop(double Value, string Colour);

/// <summary>A colour at a position (0..1) of a scale's domain.</summary>
public readonly record struct ColourStop(double Position, string Colour);

/// <summary>
/// How a map colours one measure: pure, so every map (the Plotly choropleth, an SVG map) draws the same colours.
/// Values are in the metric's stored unit (shares 0..1). A diverging scale is symmetric around <see cref="Midpoint"/>
/// (the benchmark): the same depth of colour is the same distance from it on either side.
/// </summary>
/// <param name="Min">Value drawn with the first stop (values below take it too); null without values.</param>
/// <param name="Max">Value drawn with the last stop.</param>
/// <param name="Midpoint">Diverging: the value drawn white. Null for sequential scales.</param>
/// <param name="MidpointLabel">What the midpoint is, in words, e.g. "the US population-weighted median of counties".</param>
/// <param name="MidpointNote">Why the midpoint is not the weighted benchmark, when it is not; else null.</param>
public sealed record MapColourScale(
    ColourScaleKind Kind,
    double? Min,
    double? Max,
    double? Midpoint,
    string? MidpointLabel,
    string? MidpointNote,
    IReadOnlyList<ColourStop> Stops)
{
    /// <summary>Counties with no value published.</summary>
    public const string NoValue = "#d5d9de";

    /// <summary>Weak values are drawn at this opacity.</summary>
    public const double WeakOpacity = 0.35;

    /// <summary>True when the colours say better and worse (higher- or lower-is-better metrics).</summary>
    public bool Judged => Kind == ColourScaleKind.Diverging;

    /// <summary>True when low values get the "better" colour (lower-is-better metrics).</summary>
    public bool Reversed { get; init; }

    // Okabe–Ito-derived orange and blue, safe for the common colour-vision deficiencies.
    private static readonly ColourStop[] LowIsWorse =
        [new(0, "#b35806"), new(0.25, "#e08214"), new(0.5, "#f7f7f7"), new(0.75, "#6baed6"), new(1, "#08519c")];

    private static readonly ColourStop[] LowIsBetter =
        [new(0, "#08519c"), new(0.25, "#6baed6"), new(0.5, "#f7f7f7"), new(0.75, "#e08214"), new(1, "#b35806")];

    private static readonly ColourStop[] Purple = [new(0, "#f2f0f7"), new(0.5, "#9e9ac8"), new(1, "#3f007d")];

    /// <summary>
    /// The scale for a measure: diverging around <paramref name="benchmark"/> for measures where higher or lower is
    /// better (blue better, orange worse whatever the direction); where the benchmark is blank, around the typical
    /// county (the plain median of counties), said so. Sequential purple for context and parity measures. The domain
    /// covers the 2nd to 98th percentile of <paramref name="values"/>, so a few extreme counties do not wash out the rest.
    /// </summary>
    /// <param name="scopeName">"US" or the state's name, for the words.</param>
    /// <param name="kind">Whose values are shown and so whose medians these are: counties (the default) or cities.</param>
    public static MapColourScale For(
        MetricDirection direction, IReadOnlyList<double> values, CountyBenchmark? benchmark, double? typicalCounty, string scopeName,
        Geographies.PlaceKind? kind = null)
    {
        kind ??= Geographies.PlaceKind.County;
        var (low, high) = Range(values);
        if (direction is not (MetricDirection.Up or MetricDirection.Down))
        {
            return new MapColourScale(ColourScaleKind.Sequential, low, high, null, null, null, Purple);
        }
        var stops = direction == MetricDirection.Up ? LowIsWorse : LowIsBetter;
        var whose = scopeName == MetricStatistic.NationalScope ? "the US" : scopeName;
        double? midpoint;
        string label;
        string? note = null;
        if (benchmark?.Value is { } weighted)
        {
            midpoint = weighted;
            label = $"{whose} population-weighted median of {kind.Plural}";
        }
        else
        {
            midpoint = typicalCounty;
            label = $"the median of {(scopeName == MetricStatistic.NationalScope ? "US" : scopeName + "'s")} {kind.Plural} (the typical {kind.Singular})";
            note = benchmark?.SuppressedReason ?? "No population-weighted median is available.";
        }
        if (midpoint is not { } mid || low is not { } lo || high is not { } hi)
        {
            return new MapColourScale(ColourScaleKind.Diverging, low, high, midpoint, label, note, stops) { Reversed = direction == MetricDirection.Down };
        }
        var half = Math.Max(Math.Max(mid - lo, hi - mid), 0);
        if (half <= 0)
        {
            half = Math.Abs(mid) > 0 ? Math.Abs(mid) * 0.01 : 1e-9;
        }
        return new MapColourScale(ColourScaleKind.Diverging, mid - half, mid + half, mid, label, note, stops) { Reversed = direction == MetricDirection.Down };
    }

    /// <summary>The 2nd to 98th percentile of the values (all of them when those two coincide); nulls without values.</summary>
    public static (double? Min, double? Max) Range(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0)
        {
            return (null, null);
        }
        var low = finite[(int)Math.Floor((finite.Length - 1) * 0.02)];
        var high = finite[(int)Math.Ceiling((finite.Length - 1) * 0.98)];
        return low < high ? (low, high) : (finite[0], finite[^1]);
    }

    /// <summary>The position (0..1) of a value in the domain, clamped; 0.5 when the domain is a point or unknown.</summary>
    public double PositionOf(double value)
    {
        if (Min is not { } lo || Max is not { } hi || hi <= lo || !double.IsFinite(value))
        {
            return 0.5;
        }
        return Math.Clamp((value - lo) / (hi - lo), 0, 1);
    }

    /// <summary>The colour of a value as <c>#rrggbb</c>, interpolated between the stops in RGB.</summary>
    public string ColourOf(double value)
    {
        var p = PositionOf(value);
        for (var i = 1; i < Stops.Count; i++)
        {
            if (p <= Stops[i].Position)
            {
                var (a, b) = (Stops[i - 1], Stops[i]);
                var t = b.Position > a.Position ? (p - a.Position) / (b.Position - a.Position) : 0;
                return Mix(a.Colour, b.Colour, t);
            }
        }
        return Stops[^1].Colour;
    }

    /// <summary>The colour of a value (<see cref="NoValue"/> for none), as #rrggbb.</summary>
    public string Colour(double? value) =>
        value is { } v && double.IsFinite(v) && Min is not null && Max is not null ? ColourOf(v) : NoValue;

    /// <summary>Five values evenly spread from the low to the high end of the scale, with their colours.</summary>
    public IReadOnlyList<LegendStop> Legend()
    {
        if (Min is not { } min || Max is not { } max)
        {
            return [];
        }
        if (max <= min)
        {
            return [new LegendStop(min, Colour(min))];
        }
        return Enumerable.Range(0, 5).Select(i => min + ((max - min) * i / 4)).Select(v => new LegendStop(v, Colour(v))).ToList();
    }

    /// <summary>The legend's sentence about the centre, e.g. "White: the US population-weighted median of counties (61.2%)."</summary>
    public string? MidpointWords(Func<double, string> format) =>
        Kind != ColourScaleKind.Diverging || Midpoint is not { } m ? null
            : $"White: {MidpointLabel} ({format(m)}).";

    private static string Mix(string from, string to, double t)
    {
        static (int R, int G, int B) Rgb(string hex) => (
            int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var (a, b) = (Rgb(from), Rgb(to));
        int Channel(int x, int y) => (int)Math.Round(x + ((y - x) * t), MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(a.R, b.R):x2}{Channel(a.G, b.G):x2}{Channel(a.B, b.B):x2}");
    }
}
