using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Plans;

public sealed record PlanCounty(int GeographyId, string Fips, string Name, string StateName, string StateAbbr)
{
    public string FullName => StateName.Length > 0 ? $"{Name}, {StateName}" : Name;

    /// <summary>A county's plan or a city's (a 7-digit code).</summary>
    public Geographies.PlaceKind Kind => Geographies.PlaceKind.OfCode(Fips) ?? Geographies.PlaceKind.County;

    /// <summary>The place's page, relative to the base.</summary>
    public string Path => Kind.PathOf(Fips);
}

/// <summary>A priority of the plan: a predictor, its pillar, and why the county chose it.</summary>
public sealed record PlanPriorityView(
    int Id,
    string PredictorKey,
    string PredictorName,
    string PillarKey,
    string PillarName,
    string Rationale,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    int Version);

/// <summary>A target with its baseline, the series of its values (or gaps) by year and its progress.</summary>
public sealed record PlanTargetView(
    int Id,
    MetricOutline Metric,
    string PredictorKey,
    string PredictorName,
    PlanTargetKind Kind,
    string SubgroupType,
    string Subgroup,
    string? SecondSubgroup,
    PlanReading Baseline,
    double TargetValue,
    short TargetYear,
    string? Owner,
    string? Strategy,
    bool DirectionConfirmed,
    string? UpdatedBy,
    DateTime UpdatedAtUtc,
    int Version,
    IReadOnlyList<PlanReading> Series,
    TargetProgressResult Progress)
{
    /// <summary>Who the target is about: "Whole county", "Black (race-ethnicity)", "Gap: Black − White (race-ethnicity)".</summary>
    public string Subject => PlanWords.Subject(Kind, SubgroupType, Subgroup, SecondSubgroup, Place);

    /// <summary>Whose plan the target is in: a county's or a city's.</summary>
    public Geographies.PlaceKind Place { get; init; } = Geographies.PlaceKind.County;

    /// <summary>The pillar of the target's predictor (whether or not the predictor is a priority).</summary>
    public string PillarName { get; init; } = "";

    /// <summary>"Employment: whole county" — the target's name in lists and captions.</summary>
    public string Title => $"{Metric.Label}: {Subject}";

    public string Anchor => "target-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string FormatValue(double? value) => PlanWords.FormatValue(value, Kind, Metric.Unit);
}

/// <summary>A county's mobility action plan: its priorities and targets, each target with its progress.</summary>
/// <param name="HasDemoValues">Some values the targets are measured with come from the synthetic demo data set.</param>
public sealed record ActionPlan(PlanCounty County, IReadOnlyList<PlanPriorityView> Priorities, IReadOnlyList<PlanTargetView> Targets, bool HasDemoValues = false)
{
    public bool IsEmpty => Priorities.Count == 0 && Targets.Count == 0;

    /// <summary>The targets set on a predictor's metrics.</summary>
    public IReadOnlyList<PlanTargetView> TargetsOf(string predictorKey) =>
        Targets.Where(t => t.PredictorKey == predictorKey).ToList();

    /// <summary>For the county page: a badge per priority predictor, with its targets' progress at a glance.</summary>
    public IReadOnlyDictionary<string, PriorityBadge> Badges() => Priorities.ToDictionary(
        p => p.PredictorKey,
        p => new PriorityBadge(County.Fips, p.PredictorKey, p.Rationale,
            TargetsOf(p.PredictorKey).Select(t => new TargetBadge(t.Anchor, t.Title, t.Progress.Status, t.Progress.Summary)).ToList()),
        StringComparer.Ordinal);
}

public sealed record TargetBadge(string Anchor, string Title, ProgressStatus Status, string Summary);

/// <summary>What the county page shows on a priority predictor.</summary>
public sealed record PriorityBadge(string Fips, string PredictorKey, string Rationale, IReadOnlyList<TargetBadge> Targets)
{
    /// <summary>"2 targets: 1 on track, 1 off track" or "No targets yet".</summary>
    public string ProgressText
    {
        get
        {
            if (Targets.Count == 0)
            {
                return "No targets yet";
            }
            var counts = Targets.GroupBy(t => t.Status).OrderBy(g => Order(g.Key))
                .Select(g => $"{g.Count()} {StatusWord(g.Key)}");
            return $"{Targets.Count} target{(Targets.Count == 1 ? "" : "s")}: {string.Join(", ", counts)}";
        }
    }

    private static int Order(ProgressStatus s) => s switch
    {
        ProgressStatus.Met => 0,
        ProgressStatus.OnTrack => 1,
        ProgressStatus.OffTrack => 2,
        ProgressStatus.NoNewerData => 3,
        _ => 4,
    };

    private static string StatusWord(ProgressStatus s) => s switch
    {
        ProgressStatus.Met => "met",
        ProgressStatus.OnTrack => "on track",
        ProgressStatus.OffTrack => "off track",
        ProgressStatus.NoNewerData => "without newer data",
        _ => "without data",
    };
}

/// <summary>What the plan forms offer: every predictor, and the metrics, groups and years the county has data for.</summary>
public sealed record PlanChoices(
    IReadOnlyList<PredictorChoice> Predictors,
    IReadOnlyList<MetricChoice> Metrics,
    IReadOnlyList<SubgroupChoice> Subgroups,
    short CurrentYear)
{
    /// <summary>
    /// The equity gaps a target can be set on: two different groups of one type with a value of the same metric in the
    /// same year, both orders (a gap is the first group minus the second). Every pair listed is one the service accepts.
    /// </summary>
    public IReadOnlyList<GapChoice> Gaps { get; init; } = [];

    /// <summary>Why the gap a form chose cannot be set (null when it can): a gap comes from <see cref="Gaps"/>, of its own metric.</summary>
    public string? GapProblem(string? metricKey, string? gapValue)
    {
        if (Gaps.Count == 0)
        {
            return "No metric here has values for two groups in the same year, so no gap target can be set: set a value target instead.";
        }
        var gap = Gaps.FirstOrDefault(g => g.Value == gapValue);
        if (gap is null)
        {
            return "Choose the gap from the list: two groups, under the metric they are measured on.";
        }
        if (!string.IsNullOrWhiteSpace(metricKey) && metricKey != gap.MetricKey)
        {
            var chosen = Metrics.FirstOrDefault(m => m.Key == metricKey)?.Label ?? metricKey;
            return $"The gap {gap.Text} is one of {gap.MetricLabel}, not of {chosen}: choose a gap listed under {chosen}, or leave the metric empty.";
        }
        return null;
    }
}

/// <summary>An equity gap a target can be set on: <see cref="First"/> minus <see cref="Second"/> of one metric.</summary>
public sealed record GapChoice(string MetricKey, string MetricLabel, string SubgroupType, string First, string Second)
{
    /// <summary>The form value: <c>metric|type|first|second</c> (group labels never hold a bar; Urban's do not).</summary>
    public string Value => string.Join('|', MetricKey, SubgroupType, First, Second);

    public string Text => $"{First} minus {Second}";

    /// <summary>The gap a form <see cref="Value"/> names, or null for anything else.</summary>
    public static (string MetricKey, string SubgroupType, string First, string Second)? Parse(string? value)
    {
        var parts = value?.Split('|');
        return parts is { Length: 4 } && parts.All(p => p.Length > 0) ? (parts[0], parts[1], parts[2], parts[3]) : null;
    }
}

public sealed record PredictorChoice(string Key, string Name, string PillarName);

public sealed record MetricChoice(string Key, string Label, string PredictorName, MetricUnit Unit, MetricDirection Direction, IReadOnlyList<short> Years);

public sealed record SubgroupChoice(string SubgroupType, string Subgroup)
{
    /// <summary>The form value: <c>type|subgroup</c>.</summary>
    public string Value => SubgroupType + "|" + Subgroup;

    public string Text => SubgroupType == Subgroups.AllType ? PlanWords.Whole(Place) : $"{Subgroup} ({SubgroupType})";

    /// <summary>Whose plan the choice is for: a county's or a city's.</summary>
    public Geographies.PlaceKind Place { get; init; } = Geographies.PlaceKind.County;

    /// <summary>The group a form <see cref="Value"/> names; a value without a type is a subgroup of no known type.</summary>
    public static (string? Type, string? Subgroup) Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, value) : (value[..bar], value[(bar + 1)..]);
    }
}
