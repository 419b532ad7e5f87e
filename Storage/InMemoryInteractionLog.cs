using System.Runtime.CompilerServices;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>
/// The interaction log of the embedded (no-server) mode: same idempotency as <see cref="PostgresInteractionLog"/>,
/// thread-safe, gone when the process ends.
/// </summary>
public sealed class InMemoryInteractionLog : IInteractionLog
{
    private readonly Lock _lock = new();
    // The position of an entry is its index + 1: appended under the lock, so positions grow in the order appends complete.
    private readonly List<Interaction> _entries = [];
    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _indexesByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _indexesByLead = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>Events without an id get a server id and are returned with it. A kind outside
    /// <see cref="InteractionKind"/> rejects the whole batch, as the database's check constraint does.</remarks>
    public async Task<IReadOnlyList<Interaction>> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default) =>
        (await AppendWithPositionsAsync(batch, cancellationToken)).Added;

    /// <inheritdoc />
    public Task<AppendResult> AppendWithPositionsAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var normalized = InteractionNormalizer.Normalize(batch);
        foreach (var interaction in normalized)
        {
            if (!Enum.IsDefined(interaction.Kind))
            {
                throw new ArgumentOutOfRangeException(nameof(batch), interaction.Kind, $"Event '{interaction.EventId}' has an unknown kind.");
            }
        }

        var added = new List<Interaction>(normalized.Length);
        var positions = new long[normalized.Length];
        lock (_lock)
        {
            for (var i = 0; i < normalized.Length; i++)
            {
                var interaction = normalized[i];
                if (!_positions.TryGetValue(interaction.EventId!, out positions[i]))
                {
                    _entries.Add(interaction);
                    positions[i] = _entries.Count;
                    _positions.Add(interaction.EventId!, positions[i]);
                    IndexOf(_indexesByUser, interaction.UserId).Add(_entries.Count - 1);
                    IndexOf(_indexesByLead, interaction.LeadId).Add(_entries.Count - 1);
                    added.Add(interaction);
                }
            }
        }
        return Task.FromResult(new AppendResult(added, positions));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LoggedInteraction> ReadUserAsync(string userId, long afterPosition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return ReadAfterAsync(_indexesByUser, userId, afterPosition, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LoggedInteraction> ReadLeadAsync(string leadId, long afterPosition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leadId);
        return ReadAfterAsync(_indexesByLead, leadId, afterPosition, cancellationToken);
    }

    private static List<int> IndexOf(Dictionary<string, List<int>> indexes, string key)
    {
        if (!indexes.TryGetValue(key, out var list))
        {
            indexes[key] = list = [];
        }
        return list;
    }

    /// <summary>The unflagged rows of one key of <paramref name="indexes"/> (a user or a lead) after a position.</summary>
    private async IAsyncEnumerable<LoggedInteraction> ReadAfterAsync(
        Dictionary<string, List<int>> indexes, string key, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = new List<LoggedInteraction>();
        lock (_lock)
        {
            foreach (var i in indexes.GetValueOrDefault(key) ?? [])
            {
                // Flags may have been added since the append (FlagAsync replaces the entry), so read them now.
                if (i + 1 > afterPosition && _entries[i].Flags == InteractionFlags.None)
                {
                    found.Add(new LoggedInteraction(i + 1, _entries[i]));
                }
            }
        }
        foreach (var interaction in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return interaction;
        }
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> LastPositionAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        lock (_lock)
        {
            return Task.FromResult(_indexesByUser.TryGetValue(userId, out var indexes) ? indexes[^1] + 1L : 0L);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReadAsync(from, to, FlaggedInteractions.Exclude, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Ties in time come out in the order they were appended, as in PostgreSQL (ordered by id).</remarks>
    public async IAsyncEnumerable<Interaction> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, FlaggedInteractions flagged, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interaction[] window;
        lock (_lock)
        {
            window = _entries
                .Where(i => i.At >= from && i.At < to && flagged switch
                {
                    FlaggedInteractions.Exclude => i.Flags == InteractionFlags.None,
                    FlaggedInteractions.Only => i.Flags != InteractionFlags.None,
                    _ => true,
                })
                .ToArray();
        }
        // OrderBy is stable, which keeps append order among equal times.
        foreach (var interaction in window.OrderBy(i => i.At))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return interaction;
        }
        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> FlagAsync(IReadOnlyList<(string EventId, InteractionFlags Flags)> flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = new Dictionary<string, InteractionFlags>(StringComparer.Ordinal);
        foreach (var (eventId, f) in flags)
        {
            wanted[eventId] = wanted.GetValueOrDefault(eventId) | f;
        }
        var found = 0;
        lock (_lock)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].EventId is { } id && wanted.TryGetValue(id, out var f))
                {
                    _entries[i] = _entries[i] with { Flags = _entries[i].Flags | f };
                    found++;
                }
            }
        }
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_entries.Count);
        }
    }
}
