using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Judgement;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Dashboard;

/// <summary>One metric value as the summary weighs it.</summary>
public sealed record SummaryCandidate(
    string PredictorKey,
    string PredictorName,
    string MetricKey,
    string MetricLabel,
    MetricDirection Direction,
    bool Retired,
    DataQuality Quality,
    Standing? Standing);

/// <summary>A predictor chosen as a strength or weakness: its metrics' average "better than" share and the metric that shows it most.</summary>
public sealed record PredictorStanding(string PredictorKey, string PredictorName, double BetterThan, string MetricKey, string MetricLabel)
{
    /// <summary>Among whom the share was taken: "US counties" or "US cities".</summary>
    public string Among { get; init; } = Geographies.PlaceKind.County.UsPlural;

    public Verdict Words => new(Standing.BetterThanWords(BetterThan, Among), Methods.Ranks);
}

/// <summary>One subgroup's value with its 95% interval.</summary>
public sealed record SubgroupReading(string SubgroupType, string Subgroup, double Value, double? LowerBound, double? UpperBound, DataQuality Quality)
{
    public Estimate Estimate => new(Value, LowerBound, UpperBound, Quality);
}

/// <summary>The largest gap between two subgroups of one metric and what the intervals allow to say about it.</summary>
public sealed record SubgroupGap(
    string MetricKey,
    string MetricLabel,
    MetricUnit Unit,
    string SubgroupType,
    SubgroupReading High,
    SubgroupReading Low,
    IntervalVerdict Verdict,
    double RelativeSize)
{
    public double Difference => High.Value - Low.Value;

    /// <summary>The two intervals do not overlap (both published).</summary>
    public bool LargerThanUncertainty => Verdict == IntervalVerdict.Apart;

    /// <summary>"a gap of 30.3 percentage points: no confidence interval published: cannot tell whether this difference is real".</summary>
    public Verdict Words => Judge.Gap(Unit, High.Estimate, Low.Estimate).Words;
}

/// <summary>The summary at the top of the county page.</summary>
public sealed record DashboardSummary(
    IReadOnlyList<PredictorStanding> Strengths,
    IReadOnlyList<PredictorStanding> Weaknesses,
    IReadOnlyList<SubgroupGap> Gaps);

/// <summary>Chooses the summary's strongest and weakest predictors and largest subgroup gaps. Pure.</summary>
public static class SummaryChooser
{
    /// <summary>
    /// Predictors ranked by the average "better than" share of their ranked metrics (up/down, not counts, not retired,
    /// Strong or Marginal, not a special value). Strengths are at or above the middle (best first), weaknesses below it
    /// (worst first); a predictor is never both.
    /// </summary>
    public static (IReadOnlyList<PredictorStanding> Strengths, IReadOnlyList<PredictorStanding> Weaknesses) ChoosePredictors(
        IEnumerable<SummaryCandidate> candidates, int count = 3, Geographies.PlaceKind? kind = null)
    {
        var among = (kind ?? Geographies.PlaceKind.County).UsPlural;
        var ranked = candidates
            .Where(c => !c.Retired && Quality.MaySummarize(c.Quality) && c.Standing is { Kind: StandingKind.Ranked, BetterThanShare: not null })
            // A place no other is strictly better than (alone or tied at the best value, like the 2,513 counties at
            // 0.0% poverty exposure) is at the best end, a strength, whatever share of the others it strictly beats.
            .Select(c => (Candidate: c, BetterThan: c.Standing!.Rank == 1 ? 1.0 : c.Standing!.BetterThanShare!.Value))
            .GroupBy(x => x.Candidate.PredictorKey, StringComparer.Ordinal)
            .Select(g => (Group: g, Average: g.Average(x => x.BetterThan), First: g.First().Candidate))
            .ToList();

        var strengths = ranked
            .Where(r => r.Average >= 0.5)
            .OrderByDescending(r => r.Average).ThenBy(r => r.First.PredictorKey, StringComparer.Ordinal)
            .Take(count)
            .Select(r =>
            {
                var best = r.Group.OrderByDescending(x => x.BetterThan).First().Candidate;
                return new PredictorStanding(r.First.PredictorKey, r.First.PredictorName, r.Average, best.MetricKey, best.MetricLabel) { Among = among };
            })
            .ToList();
        var weaknesses = ranked
            .Where(r => r.Average < 0.5)
            .OrderBy(r => r.Average).ThenBy(r => r.First.PredictorKey, StringComparer.Ordinal)
            .Take(count)
            .Select(r =>
            {
                var worst = r.Group.OrderBy(x => x.BetterThan).First().Candidate;
                return new PredictorStanding(r.First.PredictorKey, r.First.PredictorName, r.Average, worst.MetricKey, worst.MetricLabel) { Among = among };
            })
            .ToList();
        return (strengths, weaknesses);
    }

    /// <summary>
    /// For one metric: per subgroup type, the gap between the highest and lowest subgroup (Weak values and special
    /// values left out), judged by the two 95% intervals (<see cref="Intervals.Compare"/>).
    /// </summary>
    /// <param name="scale">What the gap is measured against to compare metrics of different units (e.g. the national
    /// interquartile range); when null or zero, the mean of the two values.</param>
    public static IReadOnlyList<SubgroupGap> GapsFor(MetricOutline metric, IEnumerable<SubgroupReading> readings, double? scale = null)
    {
        var gaps = new List<SubgroupGap>();
        // Counts follow each group's size ("Hispanic 12,608 vs Other 1,356") and compositions are shares of one whole: no gap.
        foreach (var type in readings
            .Where(r => r.Quality != DataQuality.Weak && double.IsFinite(r.Value) && !Subgroups.IsAll(r.Subgroup)
                && MetricRules.Special(metric, r.Value) is null
                && MetricRules.GroupsHaveGaps(metric, r.SubgroupType))
            .GroupBy(r => r.SubgroupType, StringComparer.Ordinal))
        {
            var ordered = type.OrderByDescending(r => r.Value).ThenBy(r => r.Subgroup, StringComparer.Ordinal).ToList();
            if (ordered.Count < 2)
            {
                continue;
            }
            var high = ordered[0];
            var low = ordered[^1];
            var difference = high.Value - low.Value;
            var denominator = scale is { } s && double.IsFinite(s) && Math.Abs(s) > 1e-12
                ? Math.Abs(s)
                : Math.Abs((high.Value + low.Value) / 2);
            var relative = denominator > 1e-12 ? difference / denominator : 0;
            gaps.Add(new SubgroupGap(metric.Key, metric.Label, metric.Unit, type.Key, high, low, Intervals.Compare(high.Estimate, low.Estimate), relative));
        }
        return gaps;
    }

    /// <summary>The largest gaps: those larger than their uncertainty first, then by relative size.</summary>
    public static IReadOnlyList<SubgroupGap> LargestGaps(IEnumerable<SubgroupGap> gaps, int count = 3) =>
        gaps.Where(g => g.Difference > 0)
            .OrderByDescending(g => g.LargerThanUncertainty)
            .ThenByDescending(g => g.RelativeSize)
            .ThenBy(g => g.MetricKey, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}

/// <summary>The geometry of a small inline trend line, computed on the server so the page needs no script.</summary>
public static class Sparkline
{
    /// <summary>
    /// SVG polyline points ("x,y x,y") for the values in year order, scaled into a box of the given size with a
    /// one-unit margin; null with fewer than two values. Years are spaced by their distance apart.
    /// </summary>
    public static string? Points(IReadOnlyList<(short Year, double Value)> series, double width = 80, double height = 24)
    {
        var points = series.Where(p => double.IsFinite(p.Value)).OrderBy(p => p.Year).ToList();
        if (points.Count < 2)
        {
            return null;
        }
        const double margin = 2;
        var minYear = points[0].Year;
        var yearSpan = Math.Max(1, points[^1].Year - minYear);
        var min = points.Min(p => p.Value);
        var max = points.Max(p => p.Value);
        var range = max - min;
        var parts = points.Select(p =>
        {
            var x = margin + ((p.Year - minYear) / (double)yearSpan * (width - (2 * margin)));
            var y = range <= 0 ? height / 2 : margin + ((max - p.Value) / range * (height - (2 * margin)));
            return FormattableString.Invariant($"{x:0.#},{y:0.#}");
        });
        return string.Join(' ', parts);
    }
}
