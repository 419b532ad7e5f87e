using LeadRecs.Ranking.Domain;
using LeadRecs.Storage;
using Npgsql;
using Xunit;
using static LeadRecs.IntegrationTests.Storage.InteractionSamples;

namespace LeadRecs.IntegrationTests.Storage;

public sealed class PostgresInteractionLogTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgresInteractionLog _log = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateMigratedAsync();
        _dataSource = _database.CreateDataSource();
        _log = new PostgresInteractionLog(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Appended_IsReadBackInTimeOrderWithinTheHalfOpenWindow()
    {
        Interaction[] batch =
        [
            Event("late", minute: 30, InteractionKind.Inquiry) with { RecommendationId = "rec-1" },
            Event("early", minute: 0),
            // Any offset is accepted and stored as the same instant in UTC.
            Event("middle", minute: 10, InteractionKind.Click) with { At = Start.AddMinutes(10).ToOffset(TimeSpan.FromHours(-5)) },
            Event("outside", minute: 60),
        ];

        var added = await _log.AppendAsync(batch);
        var read = await _log.ReadAsync(Start, Start.AddMinutes(60)).ToListAsync();

        Assert.Equal(["late", "early", "middle", "outside"], added.Select(i => i.EventId));
        Assert.Equal(["early", "middle", "late"], read.Select(i => i.EventId));
        Assert.Equal(added.Take(3).OrderBy(i => i.At), read);
        Assert.Equal(TimeSpan.Zero, read[1].At.Offset);
        Assert.Equal(("rec-1", InteractionKind.Inquiry), (read[2].RecommendationId, read[2].Kind));
        Assert.Equal(4, await _log.CountAsync());
    }

    [Fact]
    public async Task FlaggedInteractions_AreStoredWithTheirFlagsAndLeftOutOfPlainReads()
    {
        var ids = UniqueIds(4);
        await _log.AppendAsync(
        [
            Event(ids[0], 1),
            Event(ids[1], 2) with { Flags = InteractionFlags.Burst | InteractionFlags.Lockstep },
            Event(ids[2], 3),
            Event(ids[3], 4),
        ]);

        // Found out later: flags are or-ed in, unknown ids are ignored.
        var found = await _log.FlagAsync([(ids[2], InteractionFlags.Hammering), (ids[2], InteractionFlags.InquiryFlood), (ids[1], InteractionFlags.Hammering), ("nobody", InteractionFlags.Burst)]);

        Assert.Equal(2, found);
        Assert.Equal([ids[0], ids[3]], (await _log.ReadAsync(Start, Start.AddHours(1)).ToListAsync()).Select(i => i.EventId));
        var all = await _log.ReadAsync(Start, Start.AddHours(1), FlaggedInteractions.Include).ToListAsync();
        Assert.Equal(
            [InteractionFlags.None, InteractionFlags.Burst | InteractionFlags.Lockstep | InteractionFlags.Hammering, InteractionFlags.Hammering | InteractionFlags.InquiryFlood, InteractionFlags.None],
            all.Select(i => i.Flags));
        Assert.Equal([ids[1], ids[2]], (await _log.ReadAsync(Start, Start.AddHours(1), FlaggedInteractions.Only).ToListAsync()).Select(i => i.EventId));
        Assert.Equal(4, await _log.CountAsync());
    }

    [Fact]
    public async Task ARetriedBatch_IsNotCountedTwice()
    {
        var batch = UniqueIds(5).Select((id, i) => Event(id, i)).ToArray();

        var first = await _log.AppendAsync(batch);
        var retry = await _log.AppendAsync(batch);
        var overlapping = await _log.AppendAsync([batch[4], Event("fresh", 9)]);

        Assert.Equal(5, first.Count);
        Assert.Empty(retry);
        Assert.Equal(["fresh"], overlapping.Select(i => i.EventId));
        Assert.Equal(6, await _log.CountAsync());
    }

    [Fact]
    public async Task DuplicatesWithinOneBatch_AreStoredOnceAndTheFirstWins()
    {
        Interaction[] batch = [Event("a", 1), Event("b", 2), Event("a", 3, InteractionKind.Click), Event("b", 4)];

        var added = await _log.AppendAsync(batch);
        var stored = await _log.ReadAsync(Start, Start.AddDays(1)).ToListAsync();

        Assert.Equal([batch[0], batch[1]], added);
        Assert.Equal([batch[0], batch[1]], stored);
    }

    [Fact]
    public async Task EventsWithoutAnId_GetDistinctServerIdsAndAreAllKept()
    {
        var anonymous = new Interaction("u1", "lead-1", InteractionKind.View, Start);

        var added = await _log.AppendAsync([anonymous, anonymous]);
        var retried = await _log.AppendAsync(added);

        Assert.Equal(2, added.Count);
        Assert.All(added, i => Assert.StartsWith("srv-", i.EventId));
        Assert.NotEqual(added[0].EventId, added[1].EventId);
        Assert.Empty(retried);
        Assert.Equal(2, await _log.CountAsync());
    }

    [Fact]
    public async Task FiftyConcurrentAppenders_AreCoalescedIntoFewTransactionsAndAllDurable()
    {
        const int appenders = 50;
        var ids = UniqueIds(appenders * 4);

        var results = await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(() =>
            _log.AppendAsync(ids.Skip(a * 4).Take(4).Select((id, i) => Event(id, i, user: $"user-{a}")).ToArray()))));

        Assert.All(results, added => Assert.Equal(4, added.Count));
        Assert.InRange(_log.TransactionsCommitted, 1L, appenders - 1L);
        // Durable means visible to anyone else once the tasks completed: read through a separate connection.
        Assert.Equal(appenders * 4L, await _database.ScalarAsync<long>("SELECT count(*) FROM interactions"));
        Assert.Equal(ids.Length, (int)await _database.ScalarAsync<long>("SELECT count(DISTINCT event_id) FROM interactions"));
    }

    [Fact]
    public async Task TheSameIdFromConcurrentCallers_IsNewForExactlyOneOfThem()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _log.AppendAsync([Event("contested")]))));

        Assert.Single(results, added => added.Count == 1);
        Assert.Equal(1, await _log.CountAsync());
    }

    [Fact]
    public async Task ABatchTheDatabaseRejects_FailsItsCallerAndAppliesNothing()
    {
        // Kind 7 breaks the table's check constraint; the valid event beside it must not be stored either.
        Interaction[] batch = [Event("valid", 1), Event("invalid", 2, (InteractionKind)7)];

        var failure = await Assert.ThrowsAsync<PostgresException>(() => _log.AppendAsync(batch));
        var afterwards = await _log.AppendAsync([Event("later", 3)]);

        Assert.Equal(PostgresErrorCodes.CheckViolation, failure.SqlState);
        Assert.Equal(["later"], afterwards.Select(i => i.EventId));
        Assert.Equal(["later"], (await _log.ReadAsync(Start, Start.AddDays(1)).ToListAsync()).Select(i => i.EventId));
    }

    [Fact]
    public async Task AFailedTransactionAmongConcurrentAppenders_FailsOnlyCallersWhoseEventsAreAbsent()
    {
        var ids = UniqueIds(40);
        var appends = ids.Select((id, i) => (Id: id, Task: Task.Run(() =>
            _log.AppendAsync([Event(id, i, i == 20 ? (InteractionKind)9 : InteractionKind.View)])))).ToArray();
        await Task.WhenAll(appends.Select(a => a.Task.ContinueWith(_ => { }, TaskScheduler.Default)));

        var stored = (await _log.ReadAsync(Start, Start.AddDays(1)).ToListAsync()).Select(i => i.EventId).ToHashSet();

        Assert.True(appends[20].Task.IsFaulted);
        // Each caller either succeeded and is stored, or shared the failed transaction and is not: nothing in between.
        Assert.All(appends, a => Assert.Equal(a.Task.IsCompletedSuccessfully, stored.Contains(a.Id)));
        Assert.All(appends.Where(a => a.Task.IsFaulted), a => Assert.IsType<PostgresException>(a.Task.Exception!.InnerException));
    }

    [Fact]
    public async Task AWriterSessionTheServerEnded_IsReplacedWithoutFailingTheNextAppend()
    {
        const string writer = "log-writer-under-test";
        var builder = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { ApplicationName = writer };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var log = new PostgresInteractionLog(dataSource);
        await log.AppendAsync([Event("before", 1)]);

        // What an idle_session_timeout or a server restart does to the writer's long-lived session.
        await _database.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{writer}'");
        while (await _database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{writer}'") > 0)
        {
            await Task.Delay(10);
        }
        var after = await log.AppendAsync([Event("after", 2)]);

        Assert.Single(after);
        Assert.Equal(2, log.TransactionsCommitted);
        Assert.Equal(2, await _log.CountAsync());
    }

    [Fact]
    public async Task Disposing_WritesWhatIsQueuedAndRefusesLaterAppends()
    {
        var log = new PostgresInteractionLog(_dataSource);
        var pending = UniqueIds(20).Select((id, i) => log.AppendAsync([Event(id, i)])).ToArray();

        await log.DisposeAsync();

        foreach (var append in pending)
        {
            Assert.Single(await append);
        }
        Assert.Equal(20, await _log.CountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync([Event("too-late")]));
    }

    [Fact]
    public async Task Positions_GrowWithAppendsAndNameTheStoredRowForRetriesAndRepeats()
    {
        var ids = UniqueIds(3);
        var first = await _log.AppendWithPositionsAsync([Event(ids[0], 1), Event(ids[1], 2), Event(ids[0], 3)]);
        var retry = await _log.AppendWithPositionsAsync([Event(ids[2], 4), Event(ids[1], 2)]);

        Assert.Equal([ids[0], ids[1]], first.Added.Select(i => i.EventId));
        Assert.True(first.Positions[1] > first.Positions[0], "positions follow the batch order");
        Assert.Equal(first.Positions[0], first.Positions[2]);
        Assert.True(retry.Positions[0] > first.Positions[1], "a later append has higher positions");
        Assert.Equal(first.Positions[1], retry.Positions[1]);
        Assert.Equal([ids[2]], retry.Added.Select(i => i.EventId));
    }

    [Fact]
    public async Task ReadUser_GivesOneUsersUnflaggedRowsAfterAPositionInPositionOrder()
    {
        var ids = UniqueIds(5);
        var user = $"reader-{ids[0]}";
        var first = await _log.AppendWithPositionsAsync(
            [Event(ids[0], 9, user: user), Event(ids[1], 1, user: "someone-else"), Event(ids[2], 5, user: user)]);
        var second = await _log.AppendWithPositionsAsync(
            [Event(ids[3], 7, user: user) with { Flags = InteractionFlags.Burst }, Event(ids[4], 0, user: user)]);
        await _log.FlagAsync([(ids[2], InteractionFlags.Hammering)]);

        var all = await _log.ReadUserAsync(user, 0).ToListAsync();
        var after = await _log.ReadUserAsync(user, first.Positions[2]).ToListAsync();

        Assert.Equal([(first.Positions[0], ids[0]), (second.Positions[1], ids[4])], all.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Equal(Event(ids[0], 9, user: user), all[0].Interaction);
        Assert.Equal([ids[4]], after.Select(r => r.Interaction.EventId));
        Assert.Equal(second.Positions[1], await _log.LastPositionAsync(user));
        Assert.Equal(0L, await _log.LastPositionAsync($"nobody-{ids[0]}"));
    }

    [Fact]
    public async Task ReadLead_GivesOneLeadsUnflaggedRowsAfterAPositionInPositionOrder()
    {
        var ids = UniqueIds(6);
        var lead = $"lead-read-{ids[0]}";
        var first = await _log.AppendWithPositionsAsync(
        [
            Event(ids[0], 9, InteractionKind.Click, user: "a") with { LeadId = lead },
            Event(ids[1], 1, user: "b"),
            Event(ids[2], 5, user: "c") with { LeadId = lead },
        ]);
        var second = await _log.AppendWithPositionsAsync(
        [
            Event(ids[3], 7, user: "a") with { LeadId = lead, Flags = InteractionFlags.Burst },
            Event(ids[4], 0, InteractionKind.Inquiry, user: "d") with { LeadId = lead },
            Event(ids[5], 2, user: "a") with { LeadId = lead },
        ]);
        // Flagged after the append (a bot's run-up caught later): left out like one flagged at the append.
        await _log.FlagAsync([(ids[2], InteractionFlags.Hammering)]);

        var all = await _log.ReadLeadAsync(lead, 0).ToListAsync();
        var after = await _log.ReadLeadAsync(lead, second.Positions[1]).ToListAsync();

        Assert.Equal(
            [(first.Positions[0], ids[0]), (second.Positions[1], ids[4]), (second.Positions[2], ids[5])],
            all.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Equal(Event(ids[0], 9, InteractionKind.Click, user: "a") with { LeadId = lead }, all[0].Interaction);
        Assert.Equal([ids[5]], after.Select(r => r.Interaction.EventId));
        Assert.Empty(await _log.ReadLeadAsync($"nobody-{ids[0]}", 0).ToListAsync());
    }

    [Fact]
    public async Task ReadLead_CanBeServedByTheLeadIndex()
    {
        // The planner picks a sequential scan on a table this small; with that ruled out, the plan shows whether
        // the migration's index serves the read (a table of millions of rows must not be scanned per activation).
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT id FROM interactions WHERE lead_id = 'x' AND id > 5 AND flags = 0 ORDER BY id", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        Assert.Contains(plan, line => line.Contains("interactions_lead_id_idx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APositionSeen_MeansNoLowerPositionAppearsLater_WithTwoWritersAtOnce()
    {
        // Two writers, as two API processes are, and a reader that keeps reading: a row must never show up below the
        // highest position the reader saw before (what a user grain's persisted position relies on).
        await using var otherSource = _database.CreateDataSource();
        await using var other = new PostgresInteractionLog(otherSource);
        var user = $"writers-{UniqueIds(1)[0]}";
        var writing = Task.WhenAll(Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var log = w == 0 ? _log : other;
            for (var n = 0; n < 60; n++)
            {
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                    log.AppendAsync(UniqueIds(5).Select((id, i) => Event(id, i, user: user)).ToArray())));
            }
        })));

        var seen = new HashSet<long>();
        var highest = 0L;
        var late = new List<long>();
        while (true)
        {
            var done = writing.IsCompleted;
            foreach (var row in await _log.ReadUserAsync(user, 0).ToListAsync())
            {
                if (seen.Add(row.Position) && row.Position < highest)
                {
                    late.Add(row.Position);
                }
            }
            highest = seen.Count == 0 ? 0 : seen.Max();
            if (done)
            {
                break;
            }
        }
        await writing;

        Assert.Equal(2 * 60 * 4 * 5, seen.Count);
        Assert.Empty(late);
    }
}
