namespace UpwardMobility.Core.Judgement;

/// <summary>The anchors of the public <c>/methods</c> page: every judged sentence links to the rule it follows.</summary>
public static class Methods
{
    public const string Path = "methods";

    public const string Intervals = "intervals";
    public const string Change = "change";
    public const string Gaps = "gaps";
    public const string Compare = "compare";
    public const string Ranks = "ranks";
    public const string RankIntervals = "rank-intervals";
    public const string Quality = "quality";
    public const string Counts = "counts";
    public const string SpecialValues = "special-values";
    public const string Context = "context";
    public const string Representation = "descriptive-representation";
    public const string Units = "units";
    public const string Neighbourhoods = "neighbourhood-groups";
    public const string Plans = "plans";
    public const string Benchmarks = "benchmarks";
    public const string CitiesAndCounties = "cities";
    public const string Provenance = "provenance";
    public const string Compositions = "compositions";

    /// <summary>The link to a rule, relative to the app's base: <c>methods#ranks</c>.</summary>
    public static string Link(string anchor) => Path + "#" + anchor;
}

/// <summary>A judged sentence and the rule of the methods page it follows (its link).</summary>
public sealed record Verdict(string Text, string Anchor)
{
    public string Link => Methods.Link(Anchor);

    /// <summary>
    /// The same sentence in a few words for a dense table ("down 3 since 2022 · no interval"), whose caveat the table
    /// says once in its legend; null when the full sentence is already short.
    /// </summary>
    public string? Brief { get; init; }

    /// <summary>The caveat the brief leaves to the legend, as its mark ("no interval"); null when there is none.</summary>
    public string? Caveat { get; init; }

    public override string ToString() => Text;
}
