namespace UpwardMobility.Web.Import;

/// <summary>Where one file of the import page is.</summary>
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
