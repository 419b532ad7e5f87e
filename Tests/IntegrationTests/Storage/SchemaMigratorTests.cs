using LeadRecs.Storage;
using Xunit;

namespace LeadRecs.IntegrationTests.Storage;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task MigratingTwice_AppliesEveryScriptOnceThenSkipsThemAll()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var migrator = new SchemaMigrator();

        var first = await migrator.MigrateAsync(database.ConnectionString);
        var second = await migrator.MigrateAsync(database.ConnectionString);

        Assert.NotEmpty(first);
        Assert.All(first, r => Assert.Equal(SchemaScriptAction.Applied, r.Action));
        Assert.All(second, r => Assert.Equal(SchemaScriptAction.Skipped, r.Action));
        Assert.Equal(first.Select(r => (r.Name, r.Sha256)), second.Select(r => (r.Name, r.Sha256)));
        Assert.Equal(first.Count, (int)await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ConcurrentMigrations_AllSucceedAndApplyEachScriptExactlyOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => new SchemaMigrator().MigrateAsync(database.ConnectionString))));

        var applied = runs.SelectMany(r => r).Where(r => r.Action != SchemaScriptAction.Skipped).Select(r => r.Name).ToList();
        Assert.Equal(runs[0].Select(r => r.Name).Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'interactions'"));
    }

    [Fact]
    public async Task AScriptWhoseContentChanged_IsAppliedAgainAndRecordedWithItsNewDigest()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await database.ExecuteAsync("UPDATE schema_migrations SET sha256 = 'older' WHERE name = '0002_orleans_persistence.sql'");

        var results = await new SchemaMigrator().MigrateAsync(database.ConnectionString);

        var persistence = Assert.Single(results, r => r.Action != SchemaScriptAction.Skipped);
        Assert.Equal(("0002_orleans_persistence.sql", SchemaScriptAction.Reapplied), (persistence.Name, persistence.Action));
        Assert.Equal(persistence.Sha256, await database.ScalarAsync<string>(
            "SELECT sha256 FROM schema_migrations WHERE name = '0002_orleans_persistence.sql'"));
    }

    [Fact]
    public async Task OrleansQuery_HoldsEveryKeyTheAdoNetPersistenceAndReminderProvidersLoad()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        // The keys Microsoft.Orleans.Persistence.AdoNet and Microsoft.Orleans.Reminders.AdoNet 10.4.2 look up.
        string[] expected =
        [
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        var present = await database.ScalarAsync<string[]>("SELECT array_agg(QueryKey ORDER BY QueryKey) FROM OrleansQuery");

        Assert.Equal(expected.Order(StringComparer.Ordinal), present);
    }

    [Fact]
    public async Task InteractionsWrittenWithoutAnEventId_GetAServerIdAndDefaults()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();

        var eventId = await database.ScalarAsync<string>("""
            INSERT INTO interactions (user_id, lead_id, kind, occurred_at) VALUES ('u', 'l', 0, now())
            RETURNING event_id || '|' || flags || '|' || (received_at IS NOT NULL)
            """);

        Assert.Matches("^srv-[0-9a-f-]{36}\\|0\\|true$", eventId);
    }
}
