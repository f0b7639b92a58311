using System.Globalization;
using UpwardMobility.Core.Catalog;
using UpwardMobility.Core.Metrics;

namespace UpwardMobility.Tests.Metrics;

public class MetricFormatterTests
{
    [Theory]
    [InlineData(0.241, MetricUnit.Share, "24.1%")]
    [InlineData(0.0, MetricUnit.Share, "0.0%")]
    [InlineData(1.0, MetricUnit.Share, "100.0%")]
    [InlineData(0.00049, MetricUnit.Share, "0.0%")]
    [InlineData(58900.0, MetricUnit.Dollars, "$58,900")]
    [InlineData(58900.6, MetricUnit.Dollars, "$58,901")]
    [InlineData(-1200.0, MetricUnit.Dollars, "-$1,200")]
    [InlineData(412.3, MetricUnit.RatePer100k, "412 per 100,000")]
    [InlineData(1712.4, MetricUnit.RatePer100k, "1,712 per 100,000")]
    [InlineData(3.44, MetricUnit.RatePer100k, "3.4 per 100,000")]
    [InlineData(13.7, MetricUnit.RatePer10k, "13.7 per 10,000")]
    [InlineData(1234.0, MetricUnit.Count, "1,234")]
    [InlineData(0.72, MetricUnit.Ratio, "0.72")]
    [InlineData(0.7249, MetricUnit.Ratio, "0.72")]
    [InlineData(54.4, MetricUnit.Index, "54")]
    [InlineData(0.98, MetricUnit.Index, "0.98")]
    [InlineData(2235.0, MetricUnit.AbRatio, "2,235")]
    [InlineData(0.7, MetricUnit.AbRatio, "0.70")]
    public void Formats_by_unit(double value, MetricUnit unit, string expected) =>
        Assert.Equal(expected, MetricFormatter.Format(value, unit));

    [Theory]
    [InlineData("2235:1", "2,235 : 1")]
    [InlineData(" 2235 : 1 ", "2,235 : 1")]
    [InlineData("20.8%:27.5%", "20.8% : 27.5%")]
    [InlineData("0.190:0.272", "19.0% : 27.2%")]
    [InlineData("1:1", "1 : 1")]
    [InlineData("1.5:1", "1.5 : 1")]
    [InlineData("n/a:1", "n/a : 1")]
    [InlineData("not a ratio", "not a ratio")]
    public void Ab_ratio_text_is_shown_nicely(string text, string expected)
    {
        Assert.Equal(expected, MetricFormatter.FormatAbText(text));
        // The text wins over the number whenever the file wrote it.
        Assert.Equal(expected, MetricFormatter.Format(123.0, MetricUnit.AbRatio, text));
    }

    [Fact]
    public void Value_text_is_only_used_for_ab_ratios() =>
        Assert.Equal("24.1%", MetricFormatter.Format(0.241, MetricUnit.Share, "ignored"));

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Missing_values_show_a_dash(double? value)
    {
        Assert.Equal(MetricFormatter.Missing, MetricFormatter.Format(value, MetricUnit.Share));
        Assert.Equal(MetricFormatter.Missing, MetricFormatter.Format(value, MetricUnit.AbRatio, "  "));
    }

    [Theory]
    [InlineData(0.21, 0.273, MetricUnit.Share, "95% CI 21.0%–27.3%")]
    [InlineData(55000.0, 62000.0, MetricUnit.Dollars, "95% CI $55,000–$62,000")]
    [InlineData(400.2, 425.0, MetricUnit.RatePer100k, "95% CI 400–425 per 100,000")]
    [InlineData(12.1, 15.3, MetricUnit.RatePer10k, "95% CI 12.1–15.3 per 10,000")]
    [InlineData(0.65, 0.8, MetricUnit.Ratio, "95% CI 0.65–0.80")]
    public void Formats_intervals(double lower, double upper, MetricUnit unit, string expected) =>
        Assert.Equal(expected, MetricFormatter.FormatInterval(lower, upper, unit));

    [Fact]
    public void Interval_needs_both_bounds()
    {
        Assert.Null(MetricFormatter.FormatInterval(null, 0.3, MetricUnit.Share));
        Assert.Null(MetricFormatter.FormatInterval(0.2, null, MetricUnit.Share));
        Assert.Null(MetricFormatter.FormatRange(double.NaN, 0.3, MetricUnit.Share));
    }

    [Fact]
    public void Formatting_ignores_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Assert.Equal("$58,900", MetricFormatter.Format(58900, MetricUnit.Dollars));
            Assert.Equal("24.1%", MetricFormatter.Format(0.241, MetricUnit.Share));
            Assert.Equal("13.7 per 10,000", MetricFormatter.Format(13.7, MetricUnit.RatePer10k));
            Assert.Equal("10,014,009", MetricFormatter.FormatPopulation(10_014_009));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Every_unit_has_a_format()
    {
        foreach (var unit in Enum.GetValues<MetricUnit>())
        {
            var text = MetricFormatter.Format(1.5, unit);
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.NotEqual(MetricFormatter.Missing, text);
        }
    }
}

public class QualityLabelTests
{
    [Theory]
    [InlineData(DataQuality.Strong, "Strong", "quality-strong")]
    [InlineData(DataQuality.Marginal, "Marginal", "quality-marginal")]
    [InlineData(DataQuality.Weak, "Weak", "quality-weak")]
    [InlineData(DataQuality.Unknown, "Unknown", "quality-unknown")]
    public void Names_each_flag(DataQuality quality, string name, string cssClass)
    {
        var label = QualityLabel.For(quality);
        Assert.Equal(quality, label.Quality);
        Assert.Equal(name, label.Name);
        Assert.Equal(cssClass, label.CssClass);
        Assert.False(string.IsNullOrWhiteSpace(label.Explanation));
    }

    [Fact]
    public void Weak_is_too_uncertain_to_act_on()
    {
        Assert.True(QualityLabel.Weak.TooUncertainToActOn);
        Assert.StartsWith("Too uncertain to act on", QualityLabel.Weak.Explanation, StringComparison.Ordinal);
        Assert.False(QualityLabel.Strong.TooUncertainToActOn);
        Assert.False(QualityLabel.Marginal.TooUncertainToActOn);
        Assert.False(QualityLabel.Unknown.TooUncertainToActOn);
    }

    [Fact]
    public void Unexpected_values_are_unknown() =>
        Assert.Same(QualityLabel.Unknown, QualityLabel.For((DataQuality)42));

    [Fact]
    public void Legend_lists_all_four_in_order() =>
        Assert.Equal(
            [DataQuality.Strong, DataQuality.Marginal, DataQuality.Weak, DataQuality.Unknown],
            QualityLabel.All.Select(l => l.Quality));
}
