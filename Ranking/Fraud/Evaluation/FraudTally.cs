using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation.Bots;

namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>Flags counted against the truth. <see cref="Flags"/> is aligned with the market's interactions.</summary>
public sealed record FraudTally(
    long BotEvents,
    long BotEventsFlagged,
    long HumanEvents,
    long HumanEventsFlagged,
    int BotAccounts,
    int BotAccountsFlagged,
    int HumanUsers,
    int HumanUsersFlagged,
    IReadOnlyDictionary<BotKind, (long Events, long Flagged, InteractionFlags Reasons)> ByKind,
    IReadOnlyDictionary<InteractionFlags, long> FlaggedEventsByReason,
    IReadOnlyList<InteractionFlags> Flags)
{
    /// <summary>Share of bot events flagged.</summary>
    public double Recall => BotEvents == 0 ? 1 : (double)BotEventsFlagged / BotEvents;

    /// <summary>Share of people's events flagged.</summary>
    public double FalsePositiveRate => HumanEvents == 0 ? 0 : (double)HumanEventsFlagged / HumanEvents;

    public static FraudTally Count(BotMarket market, IReadOnlyList<InteractionFlags> flags)
    {
        long botEvents = 0, botFlagged = 0, humanEvents = 0, humanFlagged = 0;
        var byKind = Enum.GetValues<BotKind>().ToDictionary(k => k, _ => (Events: 0L, Flagged: 0L, Reasons: InteractionFlags.None));
        var byReason = Enum.GetValues<InteractionFlags>().Where(f => f != InteractionFlags.None).ToDictionary(f => f, _ => 0L);
        var flaggedUsers = new HashSet<string>(StringComparer.Ordinal);
        var humans = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < flags.Count; i++)
        {
            var interaction = market.Interactions[i];
            var flagged = flags[i] != InteractionFlags.None;
            if (market.Bot(interaction.UserId) is { } bot)
            {
                botEvents++;
                var (events, caught, reasons) = byKind[bot.Kind];
                byKind[bot.Kind] = (events + 1, caught + (flagged ? 1 : 0), reasons | flags[i]);
                botFlagged += flagged ? 1 : 0;
            }
            else
            {
                humans.Add(interaction.UserId);
                humanEvents++;
                humanFlagged += flagged ? 1 : 0;
            }
            if (flagged)
            {
                flaggedUsers.Add(interaction.UserId);
                foreach (var reason in byReason.Keys)
                {
                    if (flags[i].HasFlag(reason))
                    {
                        byReason[reason]++;
                    }
                }
            }
        }
        return new FraudTally(
            botEvents, botFlagged, humanEvents, humanFlagged,
            market.Bots.Count, market.Bots.Count(b => flaggedUsers.Contains(b.Id)),
            humans.Count, humans.Count(flaggedUsers.Contains),
            byKind.Where(k => k.Value.Events > 0).ToDictionary(k => k.Key, k => k.Value),
            byReason,
            flags);
    }
}
