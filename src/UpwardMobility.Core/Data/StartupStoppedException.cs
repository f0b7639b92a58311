namespace UpwardMobility.Core.Data;

/// <summary>
/// Start-up cannot go on for a reason the operator can fix, said in one line (no stack trace): the process prints
/// the message and exits with 1.
/// </summary>
public sealed class StartupStoppedException(string message) : Exception(message);
