using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>
/// The durable, append-only record of every interaction: what training reads and what a 202 promises.
/// </summary>
public interface IInteractionLog
{
    /// <summary>
    /// Appends a batch atomically and returns once it is durable. Interactions whose <see cref="Interaction.EventId"/>
    /// is already in the log are skipped, so a retried batch is not counted twice.
    /// </summary>
    /// <returns>The interactions of the batch that were new, in input order.</returns>
    Task<IReadOnlyList<Interaction>> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Interactions with <c>from &lt;= At &lt; to</c>, ordered by time, without those the fraud filter flagged: what
    /// training sets, drift statistics and rebuilt aggregates must read.
    /// </summary>
    IAsyncEnumerable<Interaction> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Interactions with <c>from &lt;= At &lt; to</c>, ordered by time, chosen by their flags.</summary>
    IAsyncEnumerable<Interaction> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, FlaggedInteractions flagged, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="flags"/> (bitwise or) to stored interactions by event id: interactions logged clean and
    /// found out later. Ids not in the log are ignored; flags are never cleared.
    /// </summary>
    /// <returns>How many stored interactions were found.</returns>
    Task<int> FlagAsync(IReadOnlyList<(string EventId, InteractionFlags Flags)> flags, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
