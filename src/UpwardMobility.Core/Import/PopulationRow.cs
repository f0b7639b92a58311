namespace UpwardMobility.Core.Import;

/// <summary>A whole-population figure read from a file's <c>population</c> column (a negative id: a geography still to be created).</summary>
public readonly record struct PopulationRow(int GeographyId, short Year, long Population, int Line);
