using LeadRecs.Ranking.Simulation;

namespace LeadRecs.UnitTests.Simulation;

/// <summary>The demo-sized synthetic market, simulated once and shared by the tests of a class.</summary>
public sealed class SyntheticMarketFixture
{
    public static readonly SimulationOptions Options = new() { Seed = 7, LeadCount = 2_000, UserCount = 300, Days = 30, UseKcHouse = false };

    public SimulatedMarket Market { get; } = MarketSimulator.Simulate(Options);
}
