using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>
/// Puts interactions in the form both logs store, so what <see cref="IInteractionLog.AppendAsync"/> returns is exactly
/// what <see cref="IInteractionLog.ReadAsync"/> later yields.
/// </summary>
internal static class InteractionNormalizer
{
    /// <summary>Prefix of the ids the server gives events that came without one.</summary>
    public const string ServerEventIdPrefix = "srv-";

    /// <summary>
    /// Gives events without an id a server id (time-ordered, unique), and turns <see cref="Interaction.At"/> into UTC at
    /// microsecond precision, PostgreSQL's resolution.
    /// </summary>
    public static Interaction[] Normalize(IReadOnlyList<Interaction> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var normalized = new Interaction[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var interaction = batch[i] ?? throw new ArgumentException($"Interaction {i} of the batch is null.", nameof(batch));
            if (string.IsNullOrEmpty(interaction.UserId) || string.IsNullOrEmpty(interaction.LeadId))
            {
                throw new ArgumentException($"Interaction {i} of the batch needs a UserId and a LeadId.", nameof(batch));
            }
            var utc = interaction.At.UtcTicks;
            normalized[i] = interaction with
            {
                EventId = string.IsNullOrEmpty(interaction.EventId) ? ServerEventIdPrefix + Guid.CreateVersion7().ToString("N") : interaction.EventId,
                At = new DateTimeOffset(utc - utc % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero),
            };
        }
        return normalized;
    }
}
