namespace LeadRecs.Ranking.Simulation.Bots;

/// <summary>An injected account: its id, what it does, and the client (API key or address) its events come through.</summary>
public sealed record BotAccount(string Id, BotKind Kind, string ClientId);
