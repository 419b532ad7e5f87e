using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation.Bots;

/// <summary>
/// A simulated market with bots in it. <see cref="Market"/> is the people's market, unchanged (its users, and so
/// relevance, are people only); <see cref="Interactions"/> is everyone's events in time order, people's first on ties.
/// </summary>
public sealed record BotMarket(
    SimulatedMarket Market,
    BotOptions Options,
    IReadOnlyList<BotAccount> Bots,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<string> PromotedLeads)
{
    private readonly Dictionary<string, BotAccount> _bots = Bots.ToDictionary(b => b.Id, StringComparer.Ordinal);

    public bool IsBot(string userId) => _bots.ContainsKey(userId);

    public BotAccount? Bot(string userId) => _bots.GetValueOrDefault(userId);

    /// <summary>The client an account's events come through.</summary>
    public string ClientOf(string userId) => _bots.TryGetValue(userId, out var bot) ? bot.ClientId : BotOptions.HumanClient;
}
