using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using UpwardMobility.Core.Catalog;

namespace UpwardMobility.Web.Components.Charts;

/// <summary>Shared pieces of the Plotly figures: the colour-blind-safe palette, axis formats by unit, JSON.</summary>
public static class ChartFigure
{
    // Okabe–Ito: blue for the county, vermillion for the state, black for the nation.
    public const string CountyColour = "#0072b2";
    public const string BandColour = "rgba(0,114,178,0.18)";
    public const string StateColour = "#d55e00";
    public const string NationColour = "#1b2127";

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Shares are charted in percent; other units as stored.</summary>
    public static double? Scale(double? value, MetricUnit unit) =>
        value is { } v && double.IsFinite(v) ? (Core.Metrics.MetricFormatter.DisplayScale(unit) is var scale && scale != 1 ? Math.Round(v * scale, 4) : v) : null;

    /// <summary>The value axis for the unit: "%" suffix, "$" prefix or the rate.</summary>
    public static Dictionary<string, object?> ValueAxis(MetricUnit unit, string title) => new()
    {
        ["title"] = new { text = title },
        ["ticksuffix"] = unit == MetricUnit.Share ? "%" : null,
        ["tickprefix"] = unit == MetricUnit.Dollars ? "$" : null,
        ["separatethousands"] = true,
        ["zeroline"] = false,
        ["automargin"] = true,
    };

    /// <summary>
    /// Plotly's options: the mode bar always shown (not only on hover) so its "Download plot as a PNG" button is in
    /// reach on touch screens and in the tab order; the PNG gets a file name that says what it shows.
    /// </summary>
    public static object Config(string fileName) => new
    {
        displaylogo = false,
        displayModeBar = true,
        responsive = true,
        modeBarButtonsToRemove = new[] { "select2d", "lasso2d", "autoScale2d" },
        toImageButtonOptions = new { format = "png", filename = fileName, scale = 2 },
    };

    /// <summary>
    /// A horizontal legend at the foot of the figure (<c>yref: container</c>, so Plotly keeps room for it below the
    /// x-axis title). Placed as a share of the plot's height (the default), it collides with that title on a phone.
    /// </summary>
    public static object BottomLegend { get; } = new { orientation = "h", x = 0, xanchor = "left", y = 0, yanchor = "bottom", yref = "container" };

    /// <summary>A count with thousands separators, the same in every culture: 3,143.</summary>
    public static string Count(int n) => n.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The figure as JSON, every string Plotly draws (in <c>data</c> and <c>layout</c>: tick labels, trace names, hover
    /// texts, titles, annotations) escaped as text. Plotly reads a small HTML subset in all of them, so an imported
    /// county name or subgroup label like <c>&lt;a href=…&gt;</c> would otherwise become a live link. Colours, trace
    /// types and formats hold no <c>&amp;</c>, <c>&lt;</c> or <c>&gt;</c>, so escaping them changes nothing.
    /// </summary>
    public static string Json(object figure)
    {
        var node = JsonSerializer.SerializeToNode(figure, Options)!;
        foreach (var part in new[] { "data", "layout" })
        {
            if (node[part] is { } drawn)
            {
                EscapeStrings(drawn);
            }
        }
        return node.ToJsonString(Options);
    }

    /// <summary>For a figure that builds its own Plotly markup (the map's hover text, escaped part by part and joined with <c>&lt;br&gt;</c>).</summary>
    public static string JsonWithOwnMarkup(object figure) => JsonSerializer.Serialize(figure, Options);

    /// <summary>Text for a Plotly label: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities, which Plotly draws as the characters.</summary>
    public static string Text(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Replaces every string inside <paramref name="node"/> with its escaped text, in place.</summary>
    private static void EscapeStrings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Escaped(obj[key]) is { } text)
                    {
                        obj[key] = text;
                    }
                    else if (obj[key] is { } child)
                    {
                        EscapeStrings(child);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Escaped(array[i]) is { } text)
                    {
                        array[i] = text;
                    }
                    else if (array[i] is { } child)
                    {
                        EscapeStrings(child);
                    }
                }
                break;
        }
    }

    private static JsonValue? Escaped(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? JsonValue.Create(Text(value.GetValue<string>())) : null;
}
