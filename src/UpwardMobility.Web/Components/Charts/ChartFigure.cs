using System.Text.Json;
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

    public static string Json(object figure) => JsonSerializer.Serialize(figure, Options);
}
