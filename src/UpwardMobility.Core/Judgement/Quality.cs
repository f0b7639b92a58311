using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Core.Judgement;

/// <summary>What Urban's quality flag allows (docs/methods.md, "Data quality").</summary>
public static class Quality
{
    /// <summary>The words shown beside a Weak value.</summary>
    public const string TooUncertain = "too uncertain to act on";

    /// <summary>Strong, Marginal and unrated values may be ranked and compared; Weak values are shown, never judged.</summary>
    public static bool MayJudge(DataQuality quality) => quality != DataQuality.Weak;

    /// <summary>Only Strong and Marginal values count towards a county's strongest and weakest predictors.</summary>
    public static bool MaySummarize(DataQuality quality) => quality is DataQuality.Strong or DataQuality.Marginal;

    /// <summary>The weaker of two quality flags: Weak, then unrated, then Marginal, then Strong.</summary>
    public static DataQuality Weaker(DataQuality a, DataQuality b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(DataQuality q) => q switch
    {
        DataQuality.Weak => 3,
        DataQuality.Unknown => 2,
        DataQuality.Marginal => 1,
        _ => 0,
    };
}
