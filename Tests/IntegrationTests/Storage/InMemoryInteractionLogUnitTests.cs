using LeadRecs.Ranking.Domain;
using LeadRecs.Storage;
using Xunit;
using static LeadRecs.IntegrationTests.Storage.InteractionSamples;

namespace LeadRecs.IntegrationTests.Storage;

/// <summary>The embedded mode's log needs no server; it must keep the same promises as the PostgreSQL one.</summary>
public sealed class InMemoryInteractionLogUnitTests
{
    private readonly InMemoryInteractionLog _log = new();

    [Fact]
    public async Task RetriedBatchesAndDuplicatesWithinABatch_AreStoredOnce()
    {
        Interaction[] batch = [Event("a", 1), Event("b", 2), Event("a", 3, InteractionKind.Click)];

        var first = await _log.AppendAsync(batch);
        var retry = await _log.AppendAsync(batch);

        Assert.Equal([batch[0], batch[1]], first);
        Assert.Empty(retry);
        Assert.Equal(2, await _log.CountAsync());
    }

    [Fact]
    public async Task Reads_AreOrderedByTimeWithinTheHalfOpenWindowAndInUtcMicroseconds()
    {
        var odd = Start.AddMinutes(5).AddTicks(7).ToOffset(TimeSpan.FromHours(2));
        await _log.AppendAsync([Event("c", 20), Event("a", 0), Event("b", 5) with { At = odd }, Event("z", 30)]);

        var read = await _log.ReadAsync(Start, Start.AddMinutes(30)).ToListAsync();

        Assert.Equal(["a", "b", "c"], read.Select(i => i.EventId));
        Assert.Equal(Start.AddMinutes(5), read[1].At);
        Assert.Equal(TimeSpan.Zero, read[1].At.Offset);
    }

    [Fact]
    public async Task FlaggedInteractions_AreKeptButLeftOutOfPlainReads()
    {
        await _log.AppendAsync([Event("clean", 1), Event("bot", 2) with { Flags = InteractionFlags.Burst }, Event("later", 3)]);

        var flagged = await _log.FlagAsync([("later", InteractionFlags.Hammering), ("later", InteractionFlags.Lockstep), ("unknown", InteractionFlags.Burst)]);

        Assert.Equal(1, flagged);
        Assert.Equal(["clean"], (await _log.ReadAsync(Start, Start.AddHours(1)).ToListAsync()).Select(i => i.EventId));
        Assert.Equal(["clean"], (await _log.ReadAsync(Start, Start.AddHours(1), FlaggedInteractions.Exclude).ToListAsync()).Select(i => i.EventId));
        var all = await _log.ReadAsync(Start, Start.AddHours(1), FlaggedInteractions.Include).ToListAsync();
        Assert.Equal([InteractionFlags.None, InteractionFlags.Burst, InteractionFlags.Hammering | InteractionFlags.Lockstep], all.Select(i => i.Flags));
        Assert.Equal(["bot", "later"], (await _log.ReadAsync(Start, Start.AddHours(1), FlaggedInteractions.Only).ToListAsync()).Select(i => i.EventId));
        Assert.Equal(3, await _log.CountAsync());
    }

    [Fact]
    public async Task AnUnknownKind_RejectsTheWholeBatch()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _log.AppendAsync([Event("ok", 1), Event("bad", 2, (InteractionKind)7)]));

        Assert.Equal(0, await _log.CountAsync());
    }

    [Fact]
    public async Task ConcurrentAppenders_LoseNothingAndEachIdIsNewOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            _log.AppendAsync([Event($"e{i}", i), Event($"e{i % 10}", i)]))));

        Assert.Equal(200, results.Sum(r => r.Count));
        Assert.Equal(200, await _log.CountAsync());
    }

    [Fact]
    public async Task Positions_GrowWithAppendsAndNameTheStoredRowForRetriesAndRepeats()
    {
        var first = await _log.AppendWithPositionsAsync([Event("a", 1), Event("b", 2), Event("a", 3)]);
        var retry = await _log.AppendWithPositionsAsync([Event("c", 4), Event("b", 2)]);

        Assert.Equal([1L, 2, 1], first.Positions);
        Assert.Equal(["a", "b"], first.Added.Select(i => i.EventId));
        Assert.Equal([3L, 2], retry.Positions);
        Assert.Equal(["c"], retry.Added.Select(i => i.EventId));
    }

    [Fact]
    public async Task ReadUser_GivesOneUsersUnflaggedRowsAfterAPositionInPositionOrder()
    {
        await _log.AppendAsync([Event("a", 9, user: "u1"), Event("b", 1, user: "u2"), Event("c", 5, user: "u1")]);
        await _log.AppendAsync([Event("d", 7, user: "u1") with { Flags = InteractionFlags.Burst }, Event("e", 0, user: "u1")]);
        await _log.FlagAsync([("c", InteractionFlags.Hammering)]);

        var all = await _log.ReadUserAsync("u1", 0).ToListAsync();
        var after = await _log.ReadUserAsync("u1", 3).ToListAsync();

        Assert.Equal([(1L, "a"), (5L, "e")], all.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Equal([(5L, "e")], after.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Equal((5L, 2L, 0L), (await _log.LastPositionAsync("u1"), await _log.LastPositionAsync("u2"), await _log.LastPositionAsync("u3")));
    }

    [Fact]
    public async Task ReadLead_GivesOneLeadsUnflaggedRowsAfterAPositionInPositionOrder()
    {
        await _log.AppendAsync([Event("a", 9, user: "u1") with { LeadId = "l1" }, Event("b", 1, user: "u2"), Event("c", 5, user: "u2") with { LeadId = "l1" }]);
        await _log.AppendAsync(
        [
            Event("d", 7, user: "u1") with { LeadId = "l1", Flags = InteractionFlags.Burst },
            Event("e", 0, InteractionKind.Inquiry, user: "u3") with { LeadId = "l1" },
            Event("a", 9, user: "u1") with { LeadId = "l1" }, // a retry: still one row
        ]);
        await _log.FlagAsync([("c", InteractionFlags.Hammering)]);

        var all = await _log.ReadLeadAsync("l1", 0).ToListAsync();
        var after = await _log.ReadLeadAsync("l1", 1).ToListAsync();

        Assert.Equal([(1L, "a"), (5L, "e")], all.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Equal(InteractionKind.Inquiry, all[1].Interaction.Kind);
        Assert.Equal([(5L, "e")], after.Select(r => (r.Position, r.Interaction.EventId)));
        Assert.Empty(await _log.ReadLeadAsync("l1", 5).ToListAsync());
        Assert.Empty(await _log.ReadLeadAsync("nobody", 0).ToListAsync());
    }
}
