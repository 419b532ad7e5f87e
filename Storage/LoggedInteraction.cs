using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>An interaction as read back from the log, with its position there.</summary>
/// <param name="Position">Where the interaction is in the log; see <see cref="IInteractionLog.AppendWithPositionsAsync"/>.</param>
public sealed record LoggedInteraction(long Position, Interaction Interaction);
