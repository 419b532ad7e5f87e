using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Training;

/// <summary>A small synthetic market (simulated once per test run): enough behaviour to learn from in well under a second.</summary>
internal static class TinyMarket
{
    public static readonly SimulationOptions Options = new() { Seed = 5, LeadCount = 400, UserCount = 60, Days = 10, UseKcHouse = false };

    private static readonly Lazy<SimulatedMarket> Simulated = new(() => MarketSimulator.Simulate(Options));

    public static SimulatedMarket Market => Simulated.Value;

    public static MarketHistory History => MarketHistory.From(Market);
}
