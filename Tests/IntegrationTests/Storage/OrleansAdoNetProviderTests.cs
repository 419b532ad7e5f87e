using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization.Configuration;
using Orleans.Storage;
using Xunit;

namespace LeadRecs.IntegrationTests.Storage;

/// <summary>
/// Runs the real Orleans ADO.NET grain storage and reminder providers against the migrated schema: they load their
/// statements from OrleansQuery at silo start, so this is what proves those rows fit the provider version we ship.
/// </summary>
public sealed class OrleansAdoNetProviderTests : IAsyncLifetime
{
    private const string StorageName = "store";
    private const string GrainType = "LeadRecs.IntegrationTests.CounterGrain";

    private PostgresDatabase _database = null!;
    private IHost _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateMigratedAsync();
        _silo = new HostBuilder()
            .UseOrleans(silo => silo
                // The JSON storage serializer only binds allowed types; real grain state is [GenerateSerializer], and
                // this test project has no Orleans code generation.
                .ConfigureServices(services => services.Configure<TypeManifestOptions>(o => o.AddAllowedType(typeof(CounterState))))
                .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "schema-tests", clusterId: "schema-tests")
                .AddAdoNetGrainStorage(StorageName, options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = _database.ConnectionString;
                })
                .UseAdoNetReminderService(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = _database.ConnectionString;
                }))
            .Build();
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task GrainStorage_WritesReadsRejectsStaleETagsAndClears()
    {
        var storage = _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        // A string key has an extension string and no numeric parts; a Guid key the reverse (NULL extension).
        foreach (var grainId in new[]
        {
            GrainId.Create("counter", Guid.NewGuid().ToString("N")),
            GrainId.Create(Orleans.Runtime.GrainType.Create("counter"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
        })
        {
            var counter = new CounterState { Value = 1 };
            var state = new GrainState<CounterState>(counter);
            await storage.WriteStateAsync(GrainType, grainId, state);
            Assert.Equal("1", state.ETag);

            counter.Value = 2;
            await storage.WriteStateAsync(GrainType, grainId, state);
            var read = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync(GrainType, grainId, read);
            Assert.Equal((2, "2", true), (read.State?.Value, read.ETag, read.RecordExists));

            // A second activation that read version 1, or never read at all, must not overwrite version 2.
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(
                GrainType, grainId, new GrainState<CounterState>(new CounterState { Value = 99 }, "1")));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(
                GrainType, grainId, new GrainState<CounterState>(new CounterState { Value = 99 })));

            await storage.ClearStateAsync(GrainType, grainId, state);
            Assert.Equal(("3", false), (state.ETag, state.RecordExists));
            var cleared = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync(GrainType, grainId, cleared);
            Assert.Equal((0, "3", false), (cleared.State?.Value, cleared.ETag, cleared.RecordExists));

            var stale = new GrainState<CounterState>(new CounterState(), "2") { RecordExists = true };
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));

            state.State = new CounterState { Value = 4 };
            await storage.WriteStateAsync(GrainType, grainId, state);
            Assert.Equal("4", state.ETag);
        }
    }

    [Fact]
    public async Task ReminderTable_UpsertsReadsByGrainAndRangeAndDeletesByETag()
    {
        var table = _silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("retraining", Guid.NewGuid().ToString("N"));
        var start = new DateTime(2026, 11, 1, 3, 0, 0, 500, DateTimeKind.Utc);
        // 7 days fits an int of milliseconds; 30 days does not, and the provider then sends a bigint.
        var weekly = new ReminderEntry { GrainId = grainId, ReminderName = "weekly", StartAt = start, Period = TimeSpan.FromDays(7) };
        var monthly = new ReminderEntry { GrainId = grainId, ReminderName = "monthly", StartAt = start, Period = TimeSpan.FromDays(30) };

        var weeklyETag = await table.UpsertRow(weekly);
        var monthlyETag = await table.UpsertRow(monthly);
        var updatedETag = await table.UpsertRow(weekly);

        Assert.NotEqual(weeklyETag, updatedETag);
        var row = await table.ReadRow(grainId, "monthly");
        Assert.NotNull(row);
        Assert.Equal((start, TimeSpan.FromDays(30), monthlyETag), (row.StartAt, row.Period, row.ETag));
        Assert.Equal(["monthly", "weekly"], (await table.ReadRows(grainId)).Reminders.Select(r => r.ReminderName).Order());

        var hash = grainId.GetUniformHashCode();
        Assert.Equal(2, (await table.ReadRows(hash - 1, hash)).Reminders.Count);
        // begin == end is the whole ring, which the provider asks for with the wrapping query.
        Assert.Equal(2, (await table.ReadRows(hash, hash)).Reminders.Count);
        Assert.Empty((await table.ReadRows(hash, hash + 1)).Reminders);

        Assert.False(await table.RemoveRow(grainId, "weekly", weeklyETag!));
        Assert.True(await table.RemoveRow(grainId, "weekly", updatedETag!));
        Assert.Null(await table.ReadRow(grainId, "weekly"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Grain state as the provider's default (JSON) serializer sees it.</summary>
    public sealed class CounterState
    {
        public int Value { get; set; }
    }
}
