namespace UpwardMobility.Core.Import;

public enum ImportOutcome
{
    /// <summary>Validated only; nothing written.</summary>
    DryRun,

    /// <summary>Written and committed.</summary>
    Imported,

    /// <summary>Rows were rejected and partial import was not chosen (or no valid row is left); nothing written.</summary>
    NotImported,

    /// <summary>The file as a whole could not be read (no header, no data rows, no year, no metric columns…); nothing written.</summary>
    Failed,
}
