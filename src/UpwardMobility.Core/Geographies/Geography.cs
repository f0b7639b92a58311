namespace UpwardMobility.Core.Geographies;

public enum GeographyKind
{
    County = 1,
    City = 2,
}

/// <summary>A county or city. <see cref="Fips"/> is the public key: 5 digits for counties, 7 for cities (places).</summary>
public class Geography
{
    public int Id { get; set; }
    public GeographyKind Kind { get; set; }
    public required string Fips { get; set; }
    public required string Name { get; set; }
    public required string StateFips { get; set; }
    public string StateName { get; set; } = "";
    public string StateAbbr { get; set; } = "";

    /// <summary>Hidden geographies keep their data but are left out of lists and searches.</summary>
    public bool Hidden { get; set; }

    /// <summary>No longer exists (e.g. Connecticut's counties since 2022); see <see cref="ReplacedBy"/>.</summary>
    public bool Historical { get; set; }

    /// <summary>Space-separated FIPS codes of the geographies that replaced this one.</summary>
    public string? ReplacedBy { get; set; }

    /// <summary>Created by an import that gave no name: an admin should name it.</summary>
    public bool NeedsReview { get; set; }

    public List<GeographyPopulation> Populations { get; set; } = [];
}

public class GeographyPopulation
{
    public int GeographyId { get; set; }
    public short Year { get; set; }
    public long Population { get; set; }

    /// <summary>The import that wrote this figure; null for a figure from the bundled city list (<c>data/geo/city-populations.csv</c>).</summary>
    public int? ImportId { get; set; }
}

/// <summary>A population figure as it was before an import replaced it: what rollback restores.</summary>
public class ReplacedPopulation
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public int GeographyId { get; set; }
    public short Year { get; set; }
    public long Population { get; set; }
    public int? PreviousImportId { get; set; }
}
