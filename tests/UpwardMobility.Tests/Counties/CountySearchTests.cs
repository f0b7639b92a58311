using UpwardMobility.Core.Counties;

namespace UpwardMobility.Tests.Counties;

public class CountyTextTests
{
    [Theory]
    [InlineData("Doña Ana County", "dona ana county")]
    [InlineData("DOÑA ANA", "dona ana")]
    [InlineData("Añasco Municipio", "anasco municipio")]
    [InlineData("Bayamón", "bayamon")]
    [InlineData("Prince George's County", "prince georges county")]
    [InlineData("Prince George’s", "prince georges")]
    [InlineData("St. Mary's Parish", "st marys parish")]
    [InlineData("Valdez-Cordova Census Area", "valdez cordova census area")]
    [InlineData("  Los   Angeles, CA ", "los angeles ca")]
    [InlineData("Straße", "strasse")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData(" - ", "")]
    public void Folds_case_accents_and_punctuation(string? text, string expected) =>
        Assert.Equal(expected, CountyText.Fold(text));

    [Theory]
    [InlineData("06037", "06037")]
    [InlineData(" 06037 ", "06037")]
    [InlineData("6037", "06037")]
    [InlineData("637", null)]
    [InlineData("060370", null)]
    [InlineData("abc", null)]
    [InlineData("0603a", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("０６０３７", null)] // full-width digits are not FIPS codes
    public void Normalizes_county_fips(string? text, string? expected) =>
        Assert.Equal(expected, CountyText.NormalizeCountyFips(text));
}

public class CountyIndexTests
{
    private static readonly CountyIndex Index = new(
    [
        County("06037", "Los Angeles County", "06", "California", "CA", 10_000_000),
        County("06073", "San Diego County", "06", "California", "CA", 3_300_000),
        County("35013", "Doña Ana County", "35", "New Mexico", "NM", 220_000),
        County("17031", "Cook County", "17", "Illinois", "IL", 5_200_000),
        County("13075", "Cook County", "13", "Georgia", "GA", 17_000),
        County("27031", "Cook County", "27", "Minnesota", "MN", 5_600),
        County("48097", "Cooke County", "48", "Texas", "TX", 41_000),
        County("29189", "St. Louis County", "29", "Missouri", "MO", 1_000_000),
        County("29510", "St. Louis city", "29", "Missouri", "MO", 300_000),
        County("41067", "Washington County", "41", "Oregon", "OR", 600_000),
        County("32031", "Washoe County", "32", "Nevada", "NV", 490_000),
        County("26161", "Washtenaw County", "26", "Michigan", "MI", 370_000),
        County("09001", "Fairfield County", "09", "Connecticut", "CT", 950_000, historical: true),
        County("39045", "Fairfield County", "39", "Ohio", "OH", 160_000),
        County("09190", "Western Connecticut Planning Region", "09", "Connecticut", "CT", 620_000),
        County("24510", "Baltimore city", "24", "Maryland", "MD", 580_000),
        County("24005", "Baltimore County", "24", "Maryland", "MD", 850_000),
        County("24033", "Prince George's County", "24", "Maryland", "MD", 950_000),
        County("72011", "Añasco Municipio", "72", "Puerto Rico", "PR", 25_000),
        County("17097", "Lake County", "17", "Illinois", "IL", 700_000),
        County("49035", "Salt Lake County", "49", "Utah", "UT", 1_180_000),
        County("02063", "Chugach Census Area", "02", "Alaska", "AK", null),
    ]);

    private static CountySummary County(string fips, string name, string stateFips, string state, string abbr, long? population, bool historical = false) =>
        new(fips, name, stateFips, state, abbr, historical, population);

    private static List<string> Fips(string query, int limit = 8) => Index.Search(query, limit).Select(c => c.Fips).ToList();

    [Theory]
    [InlineData("dona ana")]
    [InlineData("Doña Ana")]
    [InlineData("DONA")]
    [InlineData("dona ana county")]
    [InlineData("Doña Ana County, NM")]
    [InlineData("dona ana new mexico")]
    [InlineData("35013")]
    public void Finds_dona_ana_without_the_tilde(string query) =>
        Assert.Equal("35013", Fips(query).First());

    [Theory]
    [InlineData("06037")]
    [InlineData("6037")]
    [InlineData(" 06037 ")]
    public void Exact_fips_comes_first(string query) =>
        Assert.Equal(["06037"], Fips(query));

    [Fact]
    public void Fips_prefix_lists_codes_in_that_range() =>
        Assert.Equal(["06037", "06073"], Fips("06"));

    [Fact]
    public void Unknown_fips_finds_nothing() => Assert.Empty(Fips("99999"));

    [Fact]
    public void Exact_names_rank_before_longer_names_then_by_population() =>
        // Every "Cook County" (largest first) before "Cooke County", although Cooke is bigger than Cook, MN.
        Assert.Equal(["17031", "13075", "27031", "48097"], Fips("cook"));

    [Fact]
    public void Name_prefix_ranks_before_a_later_word() =>
        Assert.Equal(["17097", "49035"], Fips("lake"));

    [Theory]
    [InlineData("los", "06037")]
    [InlineData("angeles", "06037")]
    [InlineData("ngeles", "06037")]
    [InlineData("los angeles ca", "06037")]
    [InlineData("Los Angeles County, California", "06037")]
    [InlineData("saint louis", "29189")]
    [InlineData("st louis", "29189")]
    [InlineData("St. Louis", "29189")]
    [InlineData("prince georges", "24033")]
    [InlineData("Prince George's", "24033")]
    [InlineData("anasco", "72011")]
    [InlineData("cook mn", "27031")]
    [InlineData("cook minnesota", "27031")]
    [InlineData("western connecticut", "09190")]
    public void Finds_by_name_words_and_state(string query, string expectedFirst) =>
        Assert.Equal(expectedFirst, Fips(query).First());

    [Fact]
    public void Name_then_state_narrows_to_that_state() =>
        Assert.Equal(["17031"], Fips("cook illinois"));

    [Fact]
    public void Both_baltimores_match_their_shared_name() =>
        Assert.Equal(["24005", "24510"], Fips("baltimore"));

    [Fact]
    public void Prefix_matches_are_ordered_by_population() =>
        Assert.Equal(["41067", "32031", "26161"], Fips("wash"));

    [Fact]
    public void Historical_counties_come_after_current_ones() =>
        Assert.Equal(["39045", "09001"], Fips("fairfield"));

    [Fact]
    public void A_state_name_lists_its_counties() =>
        Assert.Equal(["06037", "06073"], Fips("california"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("--")]
    public void Empty_queries_find_nothing(string? query) => Assert.Empty(Index.Search(query));

    [Fact]
    public void Respects_the_limit()
    {
        Assert.Equal(2, Index.Search("county", 2).Count);
        Assert.Empty(Index.Search("county", 0));
    }

    [Fact]
    public void Nonsense_finds_nothing() => Assert.Empty(Fips("zzzz"));

    [Fact]
    public void Finds_by_fips()
    {
        Assert.Equal("Los Angeles County", Index.FindByFips("06037")?.Name);
        Assert.Equal("Los Angeles County", Index.FindByFips("6037")?.Name);
        Assert.Null(Index.FindByFips("99999"));
        Assert.Null(Index.FindByFips("abc"));
    }

    [Fact]
    public void Lists_current_counties_by_state_in_name_order()
    {
        var states = Index.ListByState();
        Assert.Equal(
            ["Alaska", "California", "Connecticut", "Georgia", "Illinois", "Maryland", "Michigan", "Minnesota", "Missouri",
             "Nevada", "New Mexico", "Ohio", "Oregon", "Puerto Rico", "Texas", "Utah"],
            states.Select(s => s.StateName));
        var connecticut = states.Single(s => s.StateAbbr == "CT");
        Assert.Equal(["09190"], connecticut.Counties.Select(c => c.Fips)); // Fairfield County is historical
        Assert.Equal("state-ct", connecticut.Anchor);
        Assert.Equal(["24510", "24005", "24033"], states.Single(s => s.StateAbbr == "MD").Counties.Select(c => c.Fips));
        Assert.Equal(["29510", "29189"], states.Single(s => s.StateAbbr == "MO").Counties.Select(c => c.Fips));
        Assert.Equal(21, states.Sum(s => s.Counties.Count));
    }

    [Fact]
    public void Filters_the_list()
    {
        var states = Index.ListByState("cook");
        Assert.Equal(["Georgia", "Illinois", "Minnesota", "Texas"], states.Select(s => s.StateName));
        Assert.Empty(Index.ListByState("zzzz"));
        Assert.Equal(["Fairfield County"], Index.ListByState("fairfield").SelectMany(s => s.Counties).Select(c => c.Name));
    }
}
