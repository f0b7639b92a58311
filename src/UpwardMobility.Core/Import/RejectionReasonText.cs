namespace UpwardMobility.Core.Import;

/// <summary>The words of each <see cref="RejectionReason"/>, as reports, the command line and the import pages show them.</summary>
public static class RejectionReasonText
{
    public static string Text(this RejectionReason reason) => reason switch
    {
        RejectionReason.NotNumber => "not a number",
        RejectionReason.OutOfRange => "outside the metric's valid range",
        RejectionReason.BoundSide => "bound on the wrong side of its value",
        RejectionReason.Quality => "unknown quality code",
        RejectionReason.Duplicate => "duplicate key inside the file",
        RejectionReason.Fips => "bad FIPS code",
        RejectionReason.Year => "bad or missing year",
        RejectionReason.FieldCount => "wrong number of fields",
        RejectionReason.Subgroup => "bad subgroup",
        RejectionReason.Population => "bad population",
        RejectionReason.Name => "bad name",
        RejectionReason.UnknownPlace => "no such county or city",
        _ => reason.ToString(),
    };
}
