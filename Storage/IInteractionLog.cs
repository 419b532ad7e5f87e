using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>
/// The durable, append-only record of every interaction: what training reads and what a 202 promises.
/// </summary>
/// <remarks>
/// Every stored interaction has a <em>position</em> (a positive number, unique in the log). Positions grow in the order
/// appends become durable: once a reader has seen position <c>p</c>, no interaction at a position below <c>p</c> can
/// appear later. User and lead grains rely on this to persist their state lazily: each records the position up to
/// which its state holds its user's (lead's) interactions, and after a crash replays the rows after it
/// (<see cref="ReadUserAsync"/>, <see cref="ReadLeadAsync"/>).
/// </remarks>
public interface IInteractionLog
{
    /// <summary>
    /// Appends a batch atomically and returns once it is durable. Interactions whose <see cref="Interaction.EventId"/>
    /// is already in the log are skipped, so a retried batch is not counted twice.
    /// </summary>
    /// <returns>The interactions of the batch that were new, in input order.</returns>
    Task<IReadOnlyList<Interaction>> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends like <see cref="AppendAsync"/> and also says where each interaction of the batch is in the log, new or not,
    /// so whoever applies the batch can tell the grains which log rows they are applying.
    /// </summary>
    Task<AppendResult> AppendWithPositionsAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// One user's interactions at positions after <paramref name="afterPosition"/>, in position order, without those the
    /// fraud filter flagged: what a user grain has not applied yet when its state holds everything up to that position.
    /// </summary>
    IAsyncEnumerable<LoggedInteraction> ReadUserAsync(string userId, long afterPosition, CancellationToken cancellationToken = default);

    /// <summary>
    /// One lead's interactions at positions after <paramref name="afterPosition"/>, in position order, without those the
    /// fraud filter flagged: what a lead grain (popularity, funnel counts) has not applied yet when its state holds
    /// everything up to that position.
    /// </summary>
    IAsyncEnumerable<LoggedInteraction> ReadLeadAsync(string leadId, long afterPosition, CancellationToken cancellationToken = default);

    /// <summary>The highest position of any interaction of <paramref name="userId"/>, flagged or not; 0 when it has none.</summary>
    Task<long> LastPositionAsync(string userId, CancellationToken cancellationToken = default);

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
