using LeadRecs.IntegrationTests.Processes;
using LeadRecs.Ranking.Domain;
using LeadRecs.Storage;
using Npgsql;

namespace LeadRecs.IntegrationTests.Outages;

/// <summary>
/// The interaction log after a PostgreSQL restart that nothing noticed: its pool still holds sessions the restart cut,
/// and Npgsql hands them out unchecked. Their first use must not fail the call (this was the stray 500s seconds and
/// minutes after a recovery, for events that were in fact committed).
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task Appends_and_reads_on_sessions_a_restart_cut_succeed()
    {
        await using var postgres = await PrivatePostgres.StartMigratedAsync();
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var log = new PostgresInteractionLog(dataSource);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        Interaction Event(string id) => new("u1", "l1", InteractionKind.View, at, id);

        // Sessions into the pool: the writer's own, and a few readers' at once.
        await log.AppendAsync([Event("e1")]);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await log.ReadUserAsync("u1", 0).CountAsync()));

        await postgres.CrashAsync();
        await postgres.RestartAsync();

        Assert.Equal(1, await log.ReadUserAsync("u1", 0).CountAsync());
        var appended = await log.AppendWithPositionsAsync([Event("e2"), Event("e1")]);
        Assert.Equal("e2", Assert.Single(appended.Added).EventId);
        Assert.True(await log.LastPositionAsync("u1") > 0);
        Assert.Equal(2L, await log.CountAsync());
        Assert.Equal(1, await log.FlagAsync([("e2", InteractionFlags.Burst)]));
    }
}
