using UpwardMobility.Core.Judgement;

namespace UpwardMobility.Core.Nation;

/// <summary>
/// What a comparison cell says of its difference from the reference, in a few words; the full sentence is said once,
/// in the page's legend (<see cref="ComparisonMarks.Legend"/>). Read off <see cref="Judge.Versus"/>'s verdict.
/// </summary>
public enum CompareMark
{
    /// <summary>The reference itself, or a value missing on either side.</summary>
    None,
    Beyond,
    Within,
    NoInterval,
    Weak,
    Count,
    NotComparable,
    Same,
}

public static class ComparisonMarks
{
    /// <summary>The mark of <see cref="Judge.Versus"/>'s result: by the rule its sentence followed, then its verdict.</summary>
    public static CompareMark Of(Difference? difference) => difference switch
    {
        null => CompareMark.None,
        { Words.Anchor: Methods.SpecialValues } => CompareMark.NotComparable,
        { Words.Anchor: Methods.Counts } => CompareMark.Count,
        { Words.Anchor: Methods.Quality } => CompareMark.Weak,
        { Words.Anchor: Methods.Compare } => CompareMark.Same,
        { Verdict: IntervalVerdict.Apart } => CompareMark.Beyond,
        { Verdict: IntervalVerdict.Overlap } => CompareMark.Within,
        _ => CompareMark.NoInterval,
    };

    /// <summary>The few words in the cell.</summary>
    public static string Short(CompareMark mark) => mark switch
    {
        CompareMark.Beyond => "beyond the uncertainty",
        CompareMark.Within => "within the uncertainty",
        CompareMark.NoInterval => "no interval",
        CompareMark.Weak => "Weak data",
        CompareMark.Count => "a count, not judged",
        CompareMark.NotComparable => "not comparable",
        CompareMark.Same => "same",
        _ => "",
    };

    /// <summary>The full sentence, said once in the legend, and the rule of <c>/methods</c> it follows.</summary>
    public static Verdict Legend(CompareMark mark) => mark switch
    {
        CompareMark.Beyond => new("Beyond the uncertainty: the two 95% confidence intervals do not overlap, so the difference is larger than the uncertainty of the estimates.", Methods.Intervals),
        CompareMark.Within => new("Within the uncertainty: the two 95% confidence intervals overlap, so the two places may not really differ.", Methods.Intervals),
        CompareMark.NoInterval => new("No interval: no confidence interval is published for at least one of the two values, so whether the difference is real cannot be told.", Methods.Intervals),
        CompareMark.Weak => new($"Weak data: at least one of the two values is Weak data, {Quality.TooUncertain}.", Methods.Quality),
        CompareMark.Count => new("A count, not judged: a count depends on the place's size, so the difference is shown as a number only.", Methods.Counts),
        CompareMark.NotComparable => new("Not comparable: one of the two values is a special value with a meaning of its own, not an amount.", Methods.SpecialValues),
        CompareMark.Same => new("Same: the same value as the reference at the precision shown.", Methods.Compare),
        _ => new("", Methods.Compare),
    };

    /// <summary>"Best of these" and "worst of these", said once.</summary>
    public static Verdict BestLegend(string singular) => new(
        $"Best or worst of these: the value is clear of every other {singular}'s shown (its 95% interval overlaps none of theirs) on a measure where higher or lower is better. Otherwise no best or worst is named.",
        Methods.Intervals);
}

/// <summary>One measure on which the reference differs from others beyond the uncertainty, in one sentence.</summary>
public sealed record ComparisonFinding(ComparisonRow Row, string Text);

/// <summary>
/// Where the places of a comparison differ beyond the uncertainty, from the reference's side (the first place), and how
/// many other measures show no such difference. A difference counts only when <see cref="Judge.Versus"/> calls it real
/// (the 95% intervals apart) and neither value is Weak: the same rule as the cells' marks.
/// </summary>
public sealed record ComparisonSummary(IReadOnlyList<ComparisonFinding> Findings, int OtherMeasures)
{
    public static ComparisonSummary Of(CountyComparison comparison)
    {
        var names = comparison.Counties.ToDictionary(c => c.Fips, c => c.FullName, StringComparer.Ordinal);
        var rows = comparison.Pillars.SelectMany(p => p.Predictors).SelectMany(q => q.Rows).Where(r => r.HasData).ToList();
        var findings = new List<ComparisonFinding>();
        if (comparison.Counties.Count < CountyComparison.MinCounties)
        {
            return new ComparisonSummary(findings, 0);
        }
        var reference = comparison.Counties[0].FullName;
        foreach (var row in rows)
        {
            var real = row.Cells.Skip(1).Where(c => c.Mark == CompareMark.Beyond && c.Difference is not null).ToList();
            if (real.Count == 0)
            {
                continue;
            }
            var parts = new List<string>();
            foreach (var higher in new[] { false, true })
            {
                // The others above the reference: the reference is lower than them.
                var group = real.Where(c => c.Difference > 0 == higher).ToList();
                if (group.Count == 0)
                {
                    continue;
                }
                var side = group[0].Side switch { Side.Better => " (worse)", Side.Worse => " (better)", _ => "" };
                parts.Add($"{(higher ? "lower" : "higher")} than in {Join(group.Select(c => names.GetValueOrDefault(c.Fips, c.Fips)).ToList())}{side}");
            }
            findings.Add(new ComparisonFinding(row, $"{row.Metric.Label}: {reference} is {string.Join(" and ", parts)}, beyond the uncertainty."));
        }
        return new ComparisonSummary(findings, rows.Count - findings.Count);
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 2 ? string.Join(" and ", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
