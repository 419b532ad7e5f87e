using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;
using LeadRecs.Storage.Models;
using Npgsql;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// The registry on the real cluster: artifacts in PostgreSQL, registry state in grain storage, both silos loading
/// the versions, and a user's variant staying the same across silos and a restart of every silo. A cluster of its
/// own: once a trained model serves, other tests' expectations of the baseline ranker no longer hold.
/// </summary>
[Collection(RegistryClusterCollection.Name)]
public sealed class RegistryClusterTests(RedisClusterFixture fixture)
{
    private static ModelArtifact Train(string version, int seed) =>
        new LeadModelTrainer(new LeadModelTrainerOptions
        {
            ModelVersion = version,
            HiddenSizes = [8],
            Trainer = new TrainerOptions { MaxEpochs = 1, BatchSize = 256 },
        }).Train(MarketHistory.From(MarketSimulator.Simulate(
            new SimulationOptions { Seed = seed, LeadCount = 150, UserCount = 30, Days = 5, UseKcHouse = false }))).Artifact;

    [Fact]
    public async Task Versions_load_from_PostgreSQL_on_both_silos_and_users_keep_their_variant_after_a_restart()
    {
        var p = Guid.NewGuid().ToString("N")[..8];
        var stable = Train($"{p}-a", seed: 3);
        var canary = Train($"{p}-b", seed: 4);
        await using (var dataSource = NpgsqlDataSource.Create(fixture.Postgres))
        {
            var store = new PostgresModelArtifactStore(dataSource);
            await store.PutAsync(stable);
            await store.PutAsync(canary);
            await store.PutAsync(stable); // content-addressed: storing again is a no-op
            Assert.Equal(stable.Manifest.OnnxSha256, (await store.GetAsync(stable.Manifest.OnnxSha256))!.Manifest.OnnxSha256);
        }

        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultModelName);
        var first = await registry.RegisterAsync(stable.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test"), 0, "integration test");
        if (first.Snapshot.Stable?.Version != stable.Manifest.ModelVersion)
        {
            await registry.PromoteAsync(stable.Manifest.ModelVersion, "integration test");
        }
        var split = await registry.RegisterAsync(canary.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test"), 0.5, "integration test");
        Assert.Equal(canary.Manifest.ModelVersion, split.Snapshot.Canary?.Version);

        var users = await SeedAsync(p, leads: 30, users: 40);
        var before = await VariantsWhenServedAsync(users, stable.Manifest.ModelVersion, canary.Manifest.ModelVersion);
        Assert.Contains(before.Values, v => v.Variant == RegistrySnapshot.CanaryVariant);
        Assert.Contains(before.Values, v => v.Variant == RegistrySnapshot.ControlVariant);

        for (var i = 0; i < fixture.Silos.Count; i++)
        {
            await fixture.RestartSiloAsync(i);
        }

        var after = await VariantsWhenServedAsync(users, stable.Manifest.ModelVersion, canary.Manifest.ModelVersion);
        Assert.Equal(before, after);
        Assert.Equal(split.Snapshot.Revision, (await registry.GetSnapshotAsync()).Revision);
    }

    /// <summary>Each user's variant once every answer comes from one of the two versions (silos load them within seconds).</summary>
    private async Task<Dictionary<string, ModelInfo>> VariantsWhenServedAsync(IReadOnlyList<string> users, params string[] versions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answers = await Task.WhenAll(users.Select(u => fixture.Grains.GetGrain<IUserGrain>(u).GetRecommendationsAsync(5)));
            if (answers.All(a => versions.Contains(a.Model.Version)))
            {
                return answers.ToDictionary(a => a.UserId, a => a.Model);
            }
            Assert.True(DateTime.UtcNow < deadline, "both silos should serve the registered versions within a minute");
            await Task.Delay(250);
        }
    }

    private async Task<string[]> SeedAsync(string p, int leads, int users)
    {
        await Task.WhenAll(Enumerable.Range(0, leads).Select(i => fixture.Grains.GetGrain<ILeadGrain>($"{p}-l{i}").UpsertAsync(
            new LeadInfo($"{p}-l{i}", 10 + i * 0.002, 60, 400_000, LeadKind.House, 3, 120, DateTimeOffset.UtcNow.AddDays(-2), LeadStatus.Active))));
        var ids = Enumerable.Range(0, users).Select(u => $"{p}-u{u}").ToArray();
        await fixture.Grains.GetGrain<IInteractionIngestGrain>(0).ApplyAsync(ids
            .Select((u, i) => new InteractionEvent(u, $"{p}-l{i % leads}", InteractionKind.View, DateTimeOffset.UtcNow.AddMinutes(-1)))
            .ToArray());
        return ids;
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis cluster with a registered model";
}
