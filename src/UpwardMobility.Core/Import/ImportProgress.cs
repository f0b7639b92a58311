namespace UpwardMobility.Core.Import;

/// <summary>How far the reader is, reported about every thousand rows.</summary>
public readonly record struct ImportProgress(int RowsRead, double RowsPerSecond);
