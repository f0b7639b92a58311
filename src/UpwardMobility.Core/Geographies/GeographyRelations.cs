namespace UpwardMobility.Core.Geographies;

/// <summary>
/// A city (place) and one county it lies in, from the Census 2020 populations in geocorr 2022
/// (<c>data/geo/county-places.csv</c>). A city may lie in several counties (New York city in five).
/// </summary>
public class CountyPlace
{
    public int CityId { get; set; }
    public int CountyId { get; set; }

    /// <summary>Share of the city's people living in this county (geocorr <c>afact2</c>, 0..1, 4 decimals).</summary>
    public double ShareOfCity { get; set; }

    /// <summary>Share of the county's people living in this city (geocorr <c>afact</c>, 0..1, 4 decimals).</summary>
    public double ShareOfCounty { get; set; }

    /// <summary>People of the city living in this county at the 2020 census.</summary>
    public int Population2020 { get; set; }
}

/// <summary>
/// A former county and one of the counties that replaced it, with how much of each the other holds, measured in
/// census tracts (<c>data/geo/county-successions.csv</c>: Connecticut's 8 counties and its 9 planning regions of 2022).
/// Tracts hold about 4,000 people each, so the shares approximate shares of people.
/// </summary>
public class CountySuccession
{
    public const string ShareBasis = "approximate (share of census tracts)";

    public int FormerId { get; set; }
    public int SuccessorId { get; set; }

    /// <summary>Census tracts of the former county that are in the successor.</summary>
    public int Tracts { get; set; }

    /// <summary>Share of the successor's tracts that were in the former county: sums to 1 per successor.</summary>
    public double ShareOfSuccessor { get; set; }

    /// <summary>Share of the former county's tracts that are now in the successor: sums to 1 per former county.</summary>
    public double ShareOfFormer { get; set; }
}
