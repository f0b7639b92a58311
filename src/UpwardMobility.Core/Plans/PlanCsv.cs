using System.Globalization;
using UpwardMobility.Core.Csv;

namespace UpwardMobility.Core.Plans;

/// <summary>
/// A county's plan as CSV: one row per target, with its baseline, latest value and progress, then one row per priority
/// that has no target. Numbers in the metric's stored unit (the <c>unit</c> column: shares as fractions of 1, as in
/// Urban's files), in round-trip invariant form; a gap's numbers, differences of two published values, to 15
/// significant digits (80.9 − 41.8 reads 39.1, not the 39.10000000000001 of binary arithmetic). The <c>*_as_shown</c>
/// columns give the same values as the page writes them ("84.9%"). Text cells neutralised against spreadsheet formulas
/// as in <see cref="CsvTable"/>.
/// </summary>
public static class PlanCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "fips", "county", "state", "record", "pillar", "predictor", "priority", "rationale",
        "metric", "metric_label", "kind", "subgroup_type", "subgroup", "second_subgroup",
        "baseline_year", "baseline_value", "baseline_lower_bound", "baseline_upper_bound", "baseline_quality",
        "target_value", "target_year", "owner", "strategy", "direction_confirmed",
        "latest_year", "latest_value", "latest_lower_bound", "latest_upper_bound", "latest_quality",
        "distance_covered", "expected_share", "path_value", "status", "within_uncertainty", "weak_data",
        "updated_by", "updated_at_utc", "unit",
        "baseline_as_shown", "target_as_shown", "latest_as_shown",
    ];

    /// <summary>The columns a priority without a target leaves empty: from the metric to the unit.</summary>
    private const int PriorityBlankFrom = 8, PriorityBlankTo = 35;

    /// <summary><c>county-06037-action-plan.csv</c></summary>
    public static string FileName(PlanCounty county) => $"{county.Kind.Singular}-{county.Fips}-action-plan.csv";

    public static async Task WriteAsync(ActionPlan plan, TextWriter output)
    {
        await using var csv = new CsvTable(output);
        if (plan.HasDemoValues)
        {
            await csv.CommentAsync(CsvTable.DemoComment);
        }
        await csv.HeaderAsync(Header);
        var county = plan.County;
        var priorities = plan.Priorities.ToDictionary(p => p.PredictorKey, StringComparer.Ordinal);
        foreach (var t in plan.Targets)
        {
            var priority = priorities.GetValueOrDefault(t.PredictorKey);
            var p = t.Progress;
            var l = p.Latest;
            Write(csv,
                county.Fips, county.Name, county.StateName, "target", t.PillarName, t.PredictorName, priority is null ? "no" : "yes", priority?.Rationale ?? "",
                t.Metric.Key, t.Metric.Label, t.Kind == PlanTargetKind.Gap ? "gap" : "value", t.SubgroupType, t.Subgroup, t.SecondSubgroup ?? "");
            Year(csv, t.Baseline.Year);
            var gap = t.Kind == PlanTargetKind.Gap;
            Numbers(csv, gap, t.Baseline.Value, t.Baseline.LowerBound, t.Baseline.UpperBound);
            Write(csv, CsvTable.QualityWord(t.Baseline.Quality));
            Numbers(csv, gap, t.TargetValue);
            Year(csv, t.TargetYear);
            Write(csv, t.Owner ?? "", t.Strategy ?? "", t.DirectionConfirmed ? "yes" : "no");
            Year(csv, l?.Year);
            Numbers(csv, gap, l?.Value, l?.LowerBound, l?.UpperBound);
            Write(csv, l is null ? "" : CsvTable.QualityWord(l.Quality));
            Numbers(csv, false, p.DistanceCovered, p.ExpectedShare, p.PathValue);
            Write(csv, p.Summary, YesNo(p.WithinUncertainty), p.WeakData ? "yes" : "no", t.UpdatedBy ?? "", Utc(t.UpdatedAtUtc),
                CsvTable.UnitName(t.Metric.Unit));
            Write(csv, t.FormatValue(t.Baseline.Value), t.FormatValue(t.TargetValue), l is null ? "" : t.FormatValue(l.Value));
            await csv.EndRowAsync();
        }
        foreach (var priority in plan.Priorities.Where(p => plan.TargetsOf(p.PredictorKey).Count == 0))
        {
            Write(csv, county.Fips, county.Name, county.StateName, "priority", priority.PillarName, priority.PredictorName, "yes", priority.Rationale);
            for (var i = PriorityBlankFrom; i < PriorityBlankTo; i++)
            {
                csv.Raw("");
            }
            Write(csv, priority.UpdatedBy ?? "", Utc(priority.UpdatedAtUtc), "", "", "", "");
            await csv.EndRowAsync();
        }
        await csv.FlushAsync();
    }

    private static void Write(CsvTable csv, params string[] texts)
    {
        foreach (var text in texts)
        {
            csv.Text(text);
        }
    }

    private static void Year(CsvTable csv, short? year) => csv.Integer(year);

    private static void Numbers(CsvTable csv, bool differences, params double?[] numbers)
    {
        foreach (var n in numbers)
        {
            csv.Number(differences && n is { } v ? WithoutNoise(v) : n);
        }
    }

    /// <summary>A difference to 15 significant digits: what both values carry, without the last bit's noise.</summary>
    private static double WithoutNoise(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "",
    };

    private static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
