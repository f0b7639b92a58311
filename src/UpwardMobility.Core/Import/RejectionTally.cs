namespace UpwardMobility.Core.Import;

/// <summary>
/// Rejected rows by reason, with the first examples of each reason (their text clipped): counts, never a list of
/// every row, so memory stays flat however bad the file. A row with several problems counts once for each reason.
/// </summary>
public sealed class RejectionTally(int examplesPerReason)
{
    private readonly Dictionary<RejectionReason, int> counts = [];
    private readonly List<RowProblem> examples = [];

    public int Rows { get; private set; }

    public IReadOnlyDictionary<RejectionReason, int> Counts => counts;

    public IReadOnlyList<RowProblem> Examples => examples;

    public void RejectRow(IEnumerable<RowProblem> problems)
    {
        Rows++;
        foreach (var problem in problems)
        {
            var count = counts[problem.Reason] = counts.GetValueOrDefault(problem.Reason) + 1;
            if (count <= examplesPerReason)
            {
                examples.Add(problem with { Column = ReportText.Clip(problem.Column), Text = ReportText.ClipOrNull(problem.Text) });
            }
        }
    }
}
