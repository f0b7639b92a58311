using System.Globalization;
using UpwardMobility.Core.Catalog;

namespace UpwardMobility.Core.Nation;

/// <summary>A colour of the map's scale at one value (stored units), for the legend.</summary>
public sealed record LegendStop(double Value, string Colour);

/// <summary>
/// The map's colour rule, in one place: what colour a county's value gets, and the legend that explains it. The
/// scale is always the national one (a state view keeps the nation's colours, so a colour means the same everywhere).
/// Today: blue is better and orange worse (Okabe–Ito-derived, safe for the common colour-vision deficiencies),
/// reversed for lower-is-better metrics; context and parity metrics, which have no better, get a single-hue purple
/// scale; colours stretch from the 2nd to the 98th percentile, so a handful of extreme counties do not wash out every
/// other colour, and values beyond take the end colours.
/// </summary>
public sealed class MapColourScale
{
    /// <summary>Counties with no value published.</summary>
    public const string NoValue = "#d5d9de";

    /// <summary>Weak values are drawn at this opacity.</summary>
    public const double WeakOpacity = 0.35;

    private static readonly (double At, string Colour)[] BetterIsHigh =
        [(0.0, "#b35806"), (0.25, "#e08214"), (0.5, "#f7f7f7"), (0.75, "#6baed6"), (1.0, "#08519c")];

    private static readonly (double At, string Colour)[] Neutral =
        [(0.0, "#f2f0f7"), (0.5, "#9e9ac8"), (1.0, "#3f007d")];

    private readonly (double At, string Colour)[] _ramp;

    private MapColourScale((double At, string Colour)[] ramp, double? min, double? max, bool judged, bool reversed)
    {
        _ramp = ramp;
        Min = min;
        Max = max;
        Judged = judged;
        Reversed = reversed;
    }

    /// <summary>The low end of the scale (stored units); null when no county has a value.</summary>
    public double? Min { get; }

    /// <summary>The high end of the scale (stored units).</summary>
    public double? Max { get; }

    /// <summary>True when the colours say better and worse (higher- or lower-is-better metrics).</summary>
    public bool Judged { get; }

    /// <summary>True when low values get the "better" colour (lower-is-better metrics).</summary>
    public bool Reversed { get; }

    /// <summary>The scale for a cross-section, from the values of every county in it.</summary>
    public static MapColourScale For(MetricCrossSection section)
    {
        var values = section.Rows.Where(r => r.Value is { } v && double.IsFinite(v)).Select(r => r.Value!.Value).ToList();
        var (min, max) = Range(values);
        var judged = section.Judged;
        return new MapColourScale(judged ? BetterIsHigh : Neutral, min, max, judged, judged && section.Metric.Direction == MetricDirection.Down);
    }

    /// <summary>The 2nd to the 98th percentile of the values (all of them when those two are equal).</summary>
    public static (double? Min, double? Max) Range(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }
        var sorted = values.Order().ToArray();
        var low = sorted[(int)Math.Floor((sorted.Length - 1) * 0.02)];
        var high = sorted[(int)Math.Ceiling((sorted.Length - 1) * 0.98)];
        return low < high ? (low, high) : (sorted[0], sorted[^1]);
    }

    /// <summary>The colour of a value (<see cref="NoValue"/> for none), as #rrggbb.</summary>
    public string Colour(double? value)
    {
        if (value is not { } v || !double.IsFinite(v) || Min is not { } min || Max is not { } max)
        {
            return NoValue;
        }
        var t = max > min ? Math.Clamp((v - min) / (max - min), 0, 1) : 0.5;
        return At(Reversed ? 1 - t : t);
    }

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
        return Enumerable.Range(0, 5).Select(i => min + (max - min) * i / 4).Select(v => new LegendStop(v, Colour(v))).ToList();
    }

    // Linear in RGB between the ramp's stops, as Plotly interpolated the same scales before.
    private string At(double t)
    {
        for (var i = 1; i < _ramp.Length; i++)
        {
            if (t <= _ramp[i].At || i == _ramp.Length - 1)
            {
                var (a, ca) = _ramp[i - 1];
                var (b, cb) = _ramp[i];
                var f = b > a ? Math.Clamp((t - a) / (b - a), 0, 1) : 0;
                return Mix(ca, cb, f);
            }
        }
        return _ramp[^1].Colour;
    }

    private static string Mix(string from, string to, double f)
    {
        static int Channel(string hex, int i) => int.Parse(hex.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var channels = Enumerable.Range(0, 3).Select(i => (int)Math.Round(Channel(from, i) + (Channel(to, i) - Channel(from, i)) * f));
        return "#" + string.Concat(channels.Select(c => c.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
