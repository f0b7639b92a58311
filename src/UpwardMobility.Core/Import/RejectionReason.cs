namespace UpwardMobility.Core.Import;

/// <summary>Why a row was rejected. The words shown to analysts are <see cref="RejectionReasonText.Text"/>.</summary>
public enum RejectionReason
{
    NotNumber,
    OutOfRange,
    BoundSide,
    Quality,
    Duplicate,
    Fips,
    Year,
    FieldCount,
    Subgroup,
    Population,
    Name,
    UnknownPlace,
}
