namespace UpwardMobility.Core.Import;

/// <summary>What the writer did: values written straight into <c>metric_values</c>, and values staged for the merge.</summary>
public readonly record struct WriteResult(int Inserted, int Staged);
