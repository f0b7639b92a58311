using System.Diagnostics;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

public enum QueueItemState
{
    /// <summary>Uploaded; not run yet, or waiting its turn in a run.</summary>
    Waiting,
    Running,

    /// <summary>The service returned a report (whatever its outcome).</summary>
    Done,

    /// <summary>The analyst cancelled while this file ran, or before its turn: nothing of it was written.</summary>
    Cancelled,

    /// <summary>An unexpected error (database down…): nothing of it was written.</summary>
    Error,
}

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

/// <summary>
/// Passes each progress report on to <paramref name="store"/> (cheap), and calls <paramref name="notify"/> (a re-render)
/// at most once per <paramref name="interval"/>, so a fast import does not flood the browser with renders.
/// </summary>
public sealed class ThrottledProgress<T>(Action<T> store, Action notify, TimeSpan interval) : IProgress<T>
{
    private long _lastNotified = Stopwatch.GetTimestamp();

    public void Report(T value)
    {
        store(value);
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastNotified);
        if (Stopwatch.GetElapsedTime(last, now) >= interval && Interlocked.CompareExchange(ref _lastNotified, now, last) == last)
        {
            notify();
        }
    }
}
