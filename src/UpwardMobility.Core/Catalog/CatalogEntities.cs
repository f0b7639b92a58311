namespace UpwardMobility.Core.Catalog;

/// <summary>One of the three dimensions of mobility: the outcomes the pillars lead to.</summary>
public class Dimension
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
}

public class Pillar
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
    public List<Predictor> Predictors { get; set; } = [];
}

public class Predictor
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int PillarId { get; set; }
    public Pillar? Pillar { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
    public List<Metric> Metrics { get; set; } = [];
}

public class Metric
{
    public int Id { get; set; }

    /// <summary>Canonical variable name, e.g. <c>share_employed</c>; used in URLs and exports.</summary>
    public required string Key { get; set; }
    public int PredictorId { get; set; }
    public Predictor? Predictor { get; set; }
    public required string Label { get; set; }
    public string Description { get; set; } = "";
    public MetricUnit Unit { get; set; }
    public MetricDirection Direction { get; set; }

    /// <summary>Older variable names Urban used for the same measure.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Column names that carry this metric's quality flag, including group flags shared with other metrics.</summary>
    public List<string> QualityColumns { get; set; } = [];
    public double? ValidMin { get; set; }
    public double? ValidMax { get; set; }

    /// <summary>A measure Urban replaced: still imported and shown, flagged as retired.</summary>
    public bool Retired { get; set; }
    public string Source { get; set; } = "";
    public string Caveats { get; set; } = "";
    public int SortOrder { get; set; }

    /// <summary>
    /// Values that are not points on the metric's scale but facts in words, as <c>value=meaning</c> (e.g.
    /// <c>0=no primary care physician</c>); see <see cref="Judgement.SpecialValue"/>. Shown in words, never ranked.
    /// </summary>
    public List<string> SpecialValues { get; set; } = [];

    /// <summary>
    /// Subgroup types whose group values are compositions of a whole, as <c>type=whole</c> (<c>*=homeless students</c>):
    /// a group's share of the place's homeless students, not the share of the group's children who are homeless.
    /// Shown as compositions, never as gaps, never ranked as a rate.
    /// </summary>
    public List<string> CompositionSubgroups { get; set; } = [];

    /// <summary>Set when an admin edits the metric, so the start-up catalog sync leaves those edits alone.</summary>
    public bool Customized { get; set; }
}

public enum MetricUnit
{
    Share = 1,
    Dollars = 2,
    RatePer100k = 3,
    RatePer10k = 4,
    Count = 5,
    Ratio = 6,
    Index = 7,

    /// <summary>A ratio published as a:b or a/b, e.g. a group's share of housing value against its share of households.</summary>
    AbRatio = 8,

    /// <summary>A ratio of units to households, stored as published (0.69) and read as "69 per 100 households".</summary>
    PerHundredHouseholds = 9,

    /// <summary>Residents for each physician, written 2235:1 or 2235 by Urban, read as "2,235 residents per physician".</summary>
    ResidentsPerPhysician = 10,
}

public enum MetricDirection
{
    Up = 1,
    Down = 2,
    Parity = 3,
    Context = 4,
}
