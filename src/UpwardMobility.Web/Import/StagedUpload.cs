namespace UpwardMobility.Web.Import;

/// <summary>An uploaded file saved to the store's temp folder, waiting to be checked or imported.</summary>
/// <param name="FileName">The name the analyst's file had (no folders), as shown in reports and history.</param>
/// <param name="Path">Where the bytes are, in the store's temp folder.</param>
/// <param name="EstimatedDataRows">Lines after the header, counted while saving: the progress bar's end.</param>
public sealed record StagedUpload(string FileName, string Path, long Size, int EstimatedDataRows);
