using System.Data;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LeadRecs.Ranking.Domain;
using Npgsql;
using NpgsqlTypes;

namespace LeadRecs.Storage;

/// <summary>
/// The interaction log in PostgreSQL (table <c>interactions</c>, see <c>Schema/0004_interactions.sql</c>).
/// </summary>
/// <remarks>
/// Appends are group-committed: one background writer takes every batch queued while the previous transaction
/// ran and writes them in one transaction: one <c>INSERT ... SELECT FROM unnest(column arrays) ON CONFLICT (event_id)
/// DO NOTHING</c>, sent with the lock below in one round trip, then the COMMIT. Each caller's task completes only after that commit, so
/// a completed append is durable; if the transaction fails, every caller whose batch was in it gets the exception
/// and none of their interactions are stored (unless the session broke after COMMIT was sent and the server is gone
/// for good: then the outcome is unknown, as it is for any database client). Callers should validate input first: one bad value fails the whole
/// transaction. Retrying a failed or cancelled append with the same event ids is always safe.
/// <para>
/// A position is the row's <c>id</c>. The INSERT and the COMMIT run under a transaction-scoped advisory lock, so
/// writers (one per API process) take ids one transaction at a time and a transaction's ids are all above those of
/// every transaction committed before it: the order <see cref="IInteractionLog"/> promises. Without the lock a
/// transaction could take ids 100-199, another 200-299 and commit first, and a reader that saw 250 could later find
/// 150.
/// </para>
/// </remarks>
public sealed class PostgresInteractionLog : IInteractionLog, IAsyncDisposable
{
    // Any constant works as long as every writer of the log uses the same one ("LRlog-id" in ASCII); it must differ
    // from SchemaMigrator's.
    private const long PositionLockKey = 0x4C526C6F672D6964;

    // Attempts at one transaction when its session broke: the stale pooled session, then a fresh one, then one more
    // for a server that was still coming back.
    private const int MaxWriteAttempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private const string LockPositionsSql = "SELECT pg_advisory_xact_lock($1)";

    // The rows travel as one array per column, in the batch's order (ordinality). The writer sends only the first
    // occurrence of an id within the transaction; ON CONFLICT skips ids already stored, also those a concurrent writer
    // (another API process) is inserting right now.
    private const string InsertSql = """
        INSERT INTO interactions (event_id, user_id, lead_id, kind, occurred_at, recommendation_id, flags)
        SELECT event_id, user_id, lead_id, kind, occurred_at, recommendation_id, flags
        FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::timestamptz[], $6::text[], $7::smallint[])
            WITH ORDINALITY AS incoming (event_id, user_id, lead_id, kind, occurred_at, recommendation_id, flags, ord)
        ORDER BY ord
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id, id
        """;

    // The positions of event ids the INSERT skipped: stored before (a repeat within the transaction is not sent, and
    // takes the position of its first occurrence from RETURNING).
    private const string LocateSql = "SELECT event_id, id FROM interactions WHERE event_id = ANY($1)";

    private const string ReadUserSql = """
        SELECT id, user_id, lead_id, kind, occurred_at, event_id, recommendation_id, flags
        FROM interactions
        WHERE user_id = $1 AND id > $2 AND flags = 0
        ORDER BY id
        """;

    // By the index interactions (lead_id, id) of 0007_interactions_by_lead.sql.
    private const string ReadLeadSql = """
        SELECT id, user_id, lead_id, kind, occurred_at, event_id, recommendation_id, flags
        FROM interactions
        WHERE lead_id = $1 AND id > $2 AND flags = 0
        ORDER BY id
        """;

    private const string LastPositionSql = "SELECT coalesce(max(id), 0) FROM interactions WHERE user_id = $1";

    // $3: 0 every row, 1 only rows without flags, 2 only flagged rows (FlaggedInteractions).
    private const string ReadSql = """
        SELECT user_id, lead_id, kind, occurred_at, event_id, recommendation_id, flags
        FROM interactions
        WHERE occurred_at >= $1 AND occurred_at < $2
          AND ($3 = 0 OR ($3 = 1) = (flags = 0))
        ORDER BY occurred_at, id
        """;

    private const string FlagSql = """
        UPDATE interactions AS i
        SET flags = i.flags | f.flags
        FROM (SELECT event_id, bit_or(flags) AS flags FROM unnest($1::text[], $2::smallint[]) AS u(event_id, flags) GROUP BY event_id) AS f
        WHERE i.event_id = f.event_id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchRows;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _writer;

    // Owned by the writer loop only: one session keeps its temporary table across transactions.
    private NpgsqlConnection? _connection;
    private bool _sessionOpened;
    private long _transactionsCommitted;

    /// <param name="dataSource">Where the log lives; not disposed by the log.</param>
    /// <param name="maxBatchRows">Rows after which the writer stops adding callers' batches to one transaction
    /// (a single batch larger than this is still written whole).</param>
    /// <param name="maxQueuedAppends">Callers' batches that may wait for the writer before appends wait too.</param>
    public PostgresInteractionLog(NpgsqlDataSource dataSource, int maxBatchRows = 10_000, int maxQueuedAppends = 10_000)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedAppends, 1);
        _dataSource = dataSource;
        _maxBatchRows = maxBatchRows;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(maxQueuedAppends)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(RunWriterAsync);
    }

    /// <summary>Transactions committed so far; with concurrent callers, fewer than the appends.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <inheritdoc />
    /// <remarks>Events without an id get a server id and are returned with it; <see cref="Interaction.At"/> is
    /// stored in UTC at microsecond precision and returned that way.</remarks>
    public async Task<IReadOnlyList<Interaction>> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default) =>
        (await AppendWithPositionsAsync(batch, cancellationToken)).Added;

    /// <inheritdoc />
    public Task<AppendResult> AppendWithPositionsAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default)
    {
        var normalized = InteractionNormalizer.Normalize(batch);
        if (normalized.Length == 0)
        {
            return Task.FromResult(new AppendResult([], []));
        }
        return EnqueueAsync(new PendingAppend(normalized, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LoggedInteraction> ReadUserAsync(string userId, long afterPosition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return ReadAfterAsync(ReadUserSql, userId, afterPosition, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LoggedInteraction> ReadLeadAsync(string leadId, long afterPosition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leadId);
        return ReadAfterAsync(ReadLeadSql, leadId, afterPosition, cancellationToken);
    }

    /// <summary>The rows of one key (a user or a lead, by <paramref name="sql"/>) after a position, in position order.</summary>
    private async IAsyncEnumerable<LoggedInteraction> ReadAfterAsync(
        string sql, string key, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var open = await OpenReaderAsync(sql, [
            new NpgsqlParameter<string> { TypedValue = key },
            new NpgsqlParameter<long> { TypedValue = afterPosition },
        ], cancellationToken);
        var reader = open.Reader;
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new LoggedInteraction(reader.GetInt64(0), ReadInteraction(reader, first: 1));
        }
    }

    /// <inheritdoc />
    public async Task<long> LastPositionAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await RetryOnBrokenSessionAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand(LastPositionSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReadAsync(from, to, FlaggedInteractions.Exclude, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<Interaction> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, FlaggedInteractions flagged, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var open = await OpenReaderAsync(ReadSql, [
            // Npgsql writes only UTC offsets to timestamptz.
            new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() },
            new NpgsqlParameter<int>
            {
                TypedValue = flagged switch { FlaggedInteractions.Include => 0, FlaggedInteractions.Exclude => 1, _ => 2 },
            },
        ], cancellationToken);
        var reader = open.Reader;
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadInteraction(reader, first: 0);
        }
    }

    /// <summary>An interaction from the columns user_id, lead_id, kind, occurred_at, event_id, recommendation_id, flags, in that order from <paramref name="first"/>.</summary>
    private static Interaction ReadInteraction(NpgsqlDataReader reader, int first) => new(
        UserId: reader.GetString(first),
        LeadId: reader.GetString(first + 1),
        Kind: (InteractionKind)reader.GetInt16(first + 2),
        At: reader.GetFieldValue<DateTimeOffset>(first + 3),
        EventId: reader.GetString(first + 4),
        RecommendationId: reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        Flags: (InteractionFlags)reader.GetInt16(first + 6));

    /// <inheritdoc />
    public async Task<int> FlagAsync(IReadOnlyList<(string EventId, InteractionFlags Flags)> flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Count == 0)
        {
            return 0;
        }
        // Or-ing flags in is idempotent, so a retry is harmless whatever the first attempt did.
        return await RetryOnBrokenSessionAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand(FlagSql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = flags.Select(f => f.EventId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = flags.Select(f => (short)f.Flags).ToArray() });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        return await RetryOnBrokenSessionAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT count(*) FROM interactions");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a read (or an idempotent write) a second time when it failed on a transient error: the pool hands out a
    /// session without checking it, so the first use of one the server ended during a restart fails, and Npgsql empties
    /// the pool when it sees that. While the server is down the second attempt fails as fast as the first.
    /// </summary>
    private static async Task<T> RetryOnBrokenSessionAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (PostgresFailures.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return await operation();
        }
    }

    /// <summary>A reader over <paramref name="sql"/>, opened as <see cref="RetryOnBrokenSessionAsync{T}"/> runs an operation.</summary>
    private Task<OpenReader> OpenReaderAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RetryOnBrokenSessionAsync(async () =>
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                var command = new NpgsqlCommand(sql, connection);
                foreach (var parameter in parameters)
                {
                    command.Parameters.Add(parameter.Clone());
                }
                return new OpenReader(connection, command, await command.ExecuteReaderAsync(cancellationToken));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, cancellationToken);

    /// <summary>Writes what is already queued, then stops the writer; appends after this throw.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task<AppendResult> EnqueueAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PostgresInteractionLog));
        }
        return await pending.Completion;
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var rows = 0;
            while (rows < _maxBatchRows && _queue.Reader.TryRead(out var pending))
            {
                if (!pending.IsAbandoned)
                {
                    batch.Add(pending);
                    rows += pending.Interactions.Length;
                }
            }
            if (batch.Count > 0)
            {
                await WriteAndCompleteAsync(batch);
            }
        }
        await CloseConnectionAsync();
    }

    private async Task WriteAndCompleteAsync(List<PendingAppend> batch)
    {
        (HashSet<string> Inserted, Dictionary<string, long> Positions) written;
        for (var attempt = 1; ; attempt++)
        {
            _sessionOpened = false;
            try
            {
                written = await WriteAsync(batch);
                break;
            }
            catch (Exception ex)
            {
                var sessionBroke = _sessionOpened && _connection is not { State: ConnectionState.Open };
                // The session's state is unknown after a failure; the next transaction starts on a fresh one.
                await CloseConnectionAsync();
                // A session that broke after it was opened (a pooled connection the server ended: a restart, an idle
                // timeout, a network blip) is tried again on a fresh one, which Npgsql opens because it empties its pool
                // when it sees a broken session. Before COMMIT was sent nothing was committed; after, the outcome is
                // unknown, and the retry tells: ids already stored are skipped and located (the log is idempotent on
                // event id), so the callers get their positions either way instead of an error for a committed batch.
                // A session that could not be opened means the server is down: fail now, the API answers 503. An error
                // on a live session (a constraint) would only repeat.
                if (attempt < MaxWriteAttempts && sessionBroke)
                {
                    await Task.Delay(RetryDelay * attempt);
                    continue;
                }
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
                return;
            }
        }

        Interlocked.Increment(ref _transactionsCommitted);
        // Callers are visited in the order their rows were sent, so the first occurrence of an id (the one the
        // writer sent) is the one reported as new; removing it makes later duplicates not new.
        var (inserted, positions) = written;
        foreach (var pending in batch)
        {
            var added = new List<Interaction>();
            var located = new long[pending.Interactions.Length];
            for (var i = 0; i < located.Length; i++)
            {
                var eventId = pending.Interactions[i].EventId!;
                if (inserted.Remove(eventId))
                {
                    added.Add(pending.Interactions[i]);
                }
                located[i] = positions[eventId];
            }
            pending.Succeed(new AppendResult(added, located));
        }
    }

    private async Task<(HashSet<string> Inserted, Dictionary<string, long> Positions)> WriteAsync(List<PendingAppend> batch)
    {
        var connection = await GetConnectionAsync();
        _sessionOpened = true;
        // Two round trips: BEGIN (which Npgsql sends with the first command), the lock and the INSERT in one, the COMMIT.
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new IncomingRows(batch.Sum(p => p.Interactions.Length));
        foreach (var pending in batch)
        {
            foreach (var interaction in pending.Interactions)
            {
                rows.Add(interaction);
            }
        }

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var insert = new NpgsqlBatch(connection, transaction))
        {
            // Held until COMMIT: see the remarks on positions.
            insert.BatchCommands.Add(new NpgsqlBatchCommand(LockPositionsSql) { Parameters = { new NpgsqlParameter<long> { TypedValue = PositionLockKey } } });
            insert.BatchCommands.Add(rows.ToCommand(InsertSql));
            await using var reader = await insert.ExecuteReaderAsync();
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
                positions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var skipped = rows.EventIds.Where(id => !positions.ContainsKey(id)).ToArray();
        if (skipped.Length > 0)
        {
            await using var command = new NpgsqlCommand(LocateSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = skipped });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                positions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        await transaction.CommitAsync();
        return (inserted, positions);
    }

    private async Task<NpgsqlConnection> GetConnectionAsync()
    {
        if (_connection is { State: ConnectionState.Open })
        {
            return _connection;
        }
        await CloseConnectionAsync();
        _connection = await _dataSource.OpenConnectionAsync();
        return _connection;
    }

    private async Task CloseConnectionAsync()
    {
        if (_connection is null)
        {
            return;
        }
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception)
        {
            // Best effort on a session already given up; the writer loop must outlive it.
        }
        _connection = null;
    }
}
