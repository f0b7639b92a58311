using UpwardMobility.Core.Dashboard;

namespace UpwardMobility.Tests.Dashboard;

public class PeerChooserTests
{
    [Fact]
    public void Default_peers_are_the_state_counties_closest_in_population_on_a_log_scale()
    {
        var candidates = new[]
        {
            new PeerCandidate("06001", "06", 100_000),
            new PeerCandidate("06003", "06", 50_000),   // half: as close as double
            new PeerCandidate("06005", "06", 210_000),
            new PeerCandidate("06007", "06", 130_000),  // closest
            new PeerCandidate("06009", "06", 10_000),   // too far
            new PeerCandidate("06011", "06", 1_000_000),
            new PeerCandidate("06013", "06", null),     // unknown population: last
            new PeerCandidate("41001", "41", 100_001),  // other state: not needed
        };

        var choice = PeerChooser.Choose("06001", "06", 100_000, candidates, count: 3);

        Assert.Equal(["06007", "06003", "06005"], choice.Fips);
        Assert.Equal(0, choice.FromOtherStates);
    }

    [Fact]
    public void A_small_state_is_filled_up_with_the_closest_counties_of_other_states()
    {
        var candidates = new[]
        {
            new PeerCandidate("10001", "10", 180_000),
            new PeerCandidate("10003", "10", 570_000),
            new PeerCandidate("10005", "10", 240_000),
            new PeerCandidate("24001", "24", 68_000),
            new PeerCandidate("24003", "24", 590_000),
            new PeerCandidate("24005", "24", 850_000),
            new PeerCandidate("42001", "42", 560_000),
            new PeerCandidate("42003", "42", null),
        };

        var choice = PeerChooser.Choose("10003", "10", 570_000, candidates);

        Assert.Equal(["10005", "10001", "42001", "24003", "24005"], choice.Fips);
        Assert.Equal(3, choice.FromOtherStates);
    }

    [Fact]
    public void The_county_itself_and_duplicates_are_never_peers()
    {
        var candidates = new[] { new PeerCandidate("06001", "06", 5), new PeerCandidate("06003", "06", 6), new PeerCandidate("06003", "06", 6) };
        var choice = PeerChooser.Choose("06001", "06", 5, candidates);
        Assert.Equal(["06003"], choice.Fips);
    }

    [Fact]
    public void Without_a_population_the_state_counties_come_in_code_order_and_no_other_state_fills_in()
    {
        var candidates = new[] { new PeerCandidate("06005", "06", 9), new PeerCandidate("06003", "06", 7), new PeerCandidate("41001", "41", 8) };
        var choice = PeerChooser.Choose("06001", "06", null, candidates);
        Assert.Equal(["06003", "06005"], choice.Fips);
        Assert.Equal(0, choice.FromOtherStates);
    }
}
