using LeadRecs.Ranking.Domain;
using Npgsql;

namespace LeadRecs.Storage;

/// <summary>
/// The rows of one log transaction as one array per column, the parameters of <c>INSERT ... FROM unnest(...)</c>:
/// the data goes in the same round trip as the statement, where a COPY into a staging table took two more (and a
/// truncation of that table at every commit). An event id repeated within the transaction is kept once, at its first
/// occurrence: a sort to find repeats in SQL costs more than this.
/// </summary>
internal sealed class IncomingRows(int capacity)
{
    private readonly HashSet<string> _eventIds = new(capacity, StringComparer.Ordinal);
    private readonly List<string> _ids = new(capacity);
    private readonly List<string> _users = new(capacity);
    private readonly List<string> _leads = new(capacity);
    private readonly List<short> _kinds = new(capacity);
    private readonly List<DateTimeOffset> _at = new(capacity);
    private readonly List<string?> _recommendations = new(capacity);
    private readonly List<short> _flags = new(capacity);

    /// <summary>The event ids sent, each once.</summary>
    public IReadOnlyCollection<string> EventIds => _eventIds;

    /// <summary>Adds a normalised interaction (it has an event id and a UTC time), unless its event id is in already.</summary>
    public void Add(Interaction interaction)
    {
        if (!_eventIds.Add(interaction.EventId!))
        {
            return;
        }
        _ids.Add(interaction.EventId!);
        _users.Add(interaction.UserId);
        _leads.Add(interaction.LeadId);
        _kinds.Add((short)interaction.Kind);
        _at.Add(interaction.At);
        _recommendations.Add(interaction.RecommendationId);
        _flags.Add((short)interaction.Flags);
    }

    /// <summary><paramref name="insertSql"/> with the seven column lists as array parameters $1 to $7, in its column order.</summary>
    public NpgsqlBatchCommand ToCommand(string insertSql) => new(insertSql)
    {
        Parameters =
        {
            new NpgsqlParameter<List<string>> { TypedValue = _ids },
            new NpgsqlParameter<List<string>> { TypedValue = _users },
            new NpgsqlParameter<List<string>> { TypedValue = _leads },
            new NpgsqlParameter<List<short>> { TypedValue = _kinds },
            new NpgsqlParameter<List<DateTimeOffset>> { TypedValue = _at },
            new NpgsqlParameter<List<string?>> { TypedValue = _recommendations },
            new NpgsqlParameter<List<short>> { TypedValue = _flags },
        },
    };
}
