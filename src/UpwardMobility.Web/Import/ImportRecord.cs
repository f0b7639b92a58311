using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Import;

/// <summary>One import of the history with its stored report (null for the demo data set, which has none).</summary>
public sealed record ImportRecord(ImportHistoryRow Row, ImportReport? Report);
