namespace UpwardMobility.Web.Import;

/// <summary>The upload was refused for what it holds (not text, too large); the message says why, naming the file.</summary>
public sealed class UploadRejectedException(string message) : Exception(message);
