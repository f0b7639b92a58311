using System.Globalization;
using UpwardMobility.Core.Csv;

namespace UpwardMobility.Core.Plans;

/// <summary>
/// A county's plan as CSV: one row per target, with its baseline, latest value and progress, then one row per priority
/// that has no target. Numbers in round-trip invariant form; text cells neutralised against spreadsheet formulas as in
/// <see cref="CsvTable"/>.
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
    ];

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
                county.Fips, county.Name, county.StateName, "target", priority?.PillarName ?? "", t.PredictorName, priority is null ? "no" : "yes", priority?.Rationale ?? "",
                t.Metric.Key, t.Metric.Label, t.Kind == PlanTargetKind.Gap ? "gap" : "value", t.SubgroupType, t.Subgroup, t.SecondSubgroup ?? "");
            Year(csv, t.Baseline.Year);
            Numbers(csv, t.Baseline.Value, t.Baseline.LowerBound, t.Baseline.UpperBound);
            Write(csv, CsvTable.QualityWord(t.Baseline.Quality));
            Numbers(csv, t.TargetValue);
            Year(csv, t.TargetYear);
            Write(csv, t.Owner ?? "", t.Strategy ?? "", t.DirectionConfirmed ? "yes" : "no");
            Year(csv, l?.Year);
            Numbers(csv, l?.Value, l?.LowerBound, l?.UpperBound);
            Write(csv, l is null ? "" : CsvTable.QualityWord(l.Quality));
            Numbers(csv, p.DistanceCovered, p.ExpectedShare, p.PathValue);
            Write(csv, p.Summary, YesNo(p.WithinUncertainty), p.WeakData ? "yes" : "no", t.UpdatedBy ?? "", Utc(t.UpdatedAtUtc),
                CsvTable.UnitName(t.Metric.Unit));
            await csv.EndRowAsync();
        }
        foreach (var priority in plan.Priorities.Where(p => plan.TargetsOf(p.PredictorKey).Count == 0))
        {
            Write(csv, county.Fips, county.Name, county.StateName, "priority", priority.PillarName, priority.PredictorName, "yes", priority.Rationale);
            for (var i = 8; i < Header.Count - 3; i++)
            {
                csv.Raw("");
            }
            Write(csv, priority.UpdatedBy ?? "", Utc(priority.UpdatedAtUtc), "");
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

    private static void Numbers(CsvTable csv, params double?[] numbers)
    {
        foreach (var n in numbers)
        {
            csv.Number(n);
        }
    }

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "",
    };

    private static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
