using UpwardMobility.Core.Counties;
using UpwardMobility.Core.Geographies;
using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Counties;

/// <summary>What a county typed by a reader names (the metric page's "add a peer"), and the one FIPS lookup.</summary>
public class CountyMatchTests
{
    private static readonly CountySummary HarrisGeorgia = new("13145", "Harris County", "13", "Georgia", "GA", false, 35_000);
    private static readonly CountySummary HarrisTexas = new("48201", "Harris County", "48", "Texas", "TX", false, 4_800_000);

    [Theory]
    [InlineData("48201", "48201")]
    [InlineData(" 6037 ", "06037")] // a code that lost its leading zero
    [InlineData("Harris County, Texas", "48201")] // search finds both Harris counties: the exact one wins
    [InlineData("harris county tx", "48201")]
    [InlineData("Harris County Georgia", "13145")]
    public void A_code_or_an_exact_name_names_one_county(string typed, string fips) =>
        Assert.Equal(fips, CountyMatch.Choose(typed, [HarrisGeorgia, HarrisTexas]).Fips);

    [Fact]
    public void An_ambiguous_name_leaves_the_choice_to_the_reader()
    {
        var match = CountyMatch.Choose("Harris County", [HarrisGeorgia, HarrisTexas]);
        Assert.Null(match.Fips);
        Assert.Equal([HarrisGeorgia, HarrisTexas], match.Candidates);
        Assert.Equal("13145", CountyMatch.Choose("Harris", [HarrisGeorgia]).Fips); // the only one found
        Assert.Empty(CountyMatch.Choose("Nowhere", []).Candidates);
    }

    [Theory]
    [InlineData("06037", "06037")]
    [InlineData("6037", "06037")]
    [InlineData("060370", null)]
    [InlineData("06-037", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void County_fips_codes_are_validated_in_one_place(string? text, string? fips) =>
        Assert.Equal(fips, GeographyLookup.CountyFips(text));
}

/// <summary>The geography lookup from the app's own container, on the bundled county list.</summary>
public class GeographyLookupTests
{
    [Fact]
    public async Task An_address_names_a_county_its_canonical_address_or_nothing()
    {
        await using var app = await TestHost.StartAsync(new());
        var lookup = app.Get<GeographyLookup>();

        var found = Assert.IsType<CountyAddress.Found>(await lookup.ResolveAsync("06037"));
        Assert.Equal(("Los Angeles County", "California", "CA"), (found.County.Name, found.County.StateName, found.County.StateAbbr));
        Assert.Equal("06037", Assert.IsType<CountyAddress.Moved>(await lookup.ResolveAsync("6037")).Fips);
        Assert.IsType<CountyAddress.NotFound>(await lookup.ResolveAsync("99999"));
        Assert.IsType<CountyAddress.NotFound>(await lookup.ResolveAsync("LA"));
        Assert.True((await lookup.FindCountyAsync("09001"))!.Historical); // Fairfield, replaced by planning regions
    }
}
