namespace UpwardMobility.Core.Admin;

/// <summary>The outcome of an admin action, with a sentence for the page: what was done, or why not.</summary>
public sealed record AdminResult(bool Ok, string Message)
{
    public static AdminResult Done(string message) => new(true, message);

    public static AdminResult Refused(string message) => new(false, message);
}
