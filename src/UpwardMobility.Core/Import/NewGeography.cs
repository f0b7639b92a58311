namespace UpwardMobility.Core.Import;

/// <summary>A county or city the import created because the file named a FIPS code not yet known.</summary>
public sealed record NewGeography(string Kind, string Fips, string Name, bool PlaceholderName);
