using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

/// <summary>One uploaded file on the import page, with the report of its last run.</summary>
public sealed class ImportQueueItem(StagedUpload upload)
{
    private readonly Lock _gate = new();
    private ImportProgress _progress;

    public Guid Id { get; } = Guid.NewGuid();
    public StagedUpload Upload { get; } = upload;
    public QueueItemState State { get; set; }
    public ImportReport? Report { get; set; }

    /// <summary>The options of the last run, re-used (with <see cref="ImportOptions.DryRun"/> off) to commit it.</summary>
    public ImportOptions? Options { get; set; }
    public string? Error { get; set; }

    /// <summary>Written by the import's thread, read by the page's renderer.</summary>
    public ImportProgress Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress;
            }
        }
        set
        {
            lock (_gate)
            {
                _progress = value;
            }
        }
    }

    public bool IsImported => State == QueueItemState.Done && Report?.Outcome == ImportOutcome.Imported;

    /// <summary>Passed a dry run with no rejected row: "Import these files" commits it.</summary>
    public bool ReadyToCommit => State == QueueItemState.Done && Report is { Outcome: ImportOutcome.DryRun, RowsRejected: 0 };

    /// <summary>Has rejected rows, but valid ones too, and was not written: "Import the valid rows" commits those.</summary>
    public bool CanCommitValidRows => State == QueueItemState.Done
        && Report is { Outcome: ImportOutcome.NotImported or ImportOutcome.DryRun, RowsRejected: > 0 } report
        && report.RowsRead > report.RowsRejected;

    public int ValidRows => Report is { } r ? Math.Max(0, r.RowsRead - r.RowsRejected) : 0;

    public void Start(ImportOptions options)
    {
        State = QueueItemState.Running;
        Options = options;
        Report = null;
        Error = null;
        Progress = default;
    }
}
