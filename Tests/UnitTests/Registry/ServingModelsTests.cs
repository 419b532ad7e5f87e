using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Storage.Models;
using LeadRecs.UnitTests.Grains;
using LeadRecs.UnitTests.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadRecs.UnitTests.Registry;

public sealed class ServingModelsTests
{
    private const string Name = "deep-ranker";

    private static readonly ModelArtifact V1 = LeadModelFixture.OnV1.Artifact;
    private static readonly ModelArtifact V7 = LeadModelFixture.Latest.Artifact;

    private readonly InMemoryModelArtifactStore _store = new();
    private readonly FakeTimeProvider _time = new(LeadModelFixture.CreatedAt);

    private ServingModels NewHost() => new(
        _store,
        Options.Create(new ModelRegistryOptions { ServingModel = Name, RetiredModelGrace = TimeSpan.FromSeconds(15) }),
        _time,
        NullLogger<ServingModels>.Instance);

    private async Task<ModelVersionEntry> StoreAsync(ModelArtifact artifact)
    {
        await _store.PutAsync(artifact);
        return artifact.Manifest.ToVersionEntry(_time.GetUtcNow(), "test");
    }

    private static RegistrySnapshot Snapshot(long revision, ModelVersionEntry? stable, ModelVersionEntry? canary = null, double share = 0) =>
        new(Name, revision, stable, canary, share, canary is null ? "" : $"{Name}:{canary.Version}",
            new[] { stable, canary }.OfType<ModelVersionEntry>().ToArray(), []);

    [Fact]
    public async Task Serves_the_baseline_until_the_registry_has_a_stable_version_then_that_version_for_everyone()
    {
        using var host = NewHost();
        Assert.Same(BaselineScorer.Instance, host.ForUser("u1").Scorer);

        Assert.True(await host.ApplyAsync(Snapshot(1, await StoreAsync(V7))));

        foreach (var user in new[] { "u1", "u2", "someone-else" })
        {
            var selection = host.ForUser(user);
            Assert.Equal(new ModelIdentity(Name, "7"), selection.Scorer.Model);
            Assert.Equal(RegistrySnapshot.ControlVariant, selection.Variant);
        }
        Assert.NotNull(host.Find(null, RegistrySnapshot.StableLabel));
        Assert.Null(host.Find(null, RegistrySnapshot.CanaryLabel));
    }

    [Fact]
    public async Task A_canary_gets_its_share_of_users_and_every_host_assigns_the_same_users()
    {
        var stable = await StoreAsync(V1);
        var canary = await StoreAsync(V7);
        using var first = NewHost();
        using var second = NewHost();
        await first.ApplyAsync(Snapshot(1, stable, canary, 0.1));
        await second.ApplyAsync(Snapshot(1, stable, canary, 0.1));

        const int users = 20_000;
        var inCanary = 0;
        for (var i = 0; i < users; i++)
        {
            var a = first.ForUser($"user-{i}");
            var b = second.ForUser($"user-{i}");
            Assert.Equal(a.Variant, b.Variant);
            Assert.Equal(a.Scorer.Model, b.Scorer.Model);
            inCanary += a.Variant == RegistrySnapshot.CanaryVariant ? 1 : 0;
        }
        // Binomial(20000, 0.1): sd = 42.4; five of them either side.
        Assert.InRange(inCanary, 2000 - 212, 2000 + 212);
        Assert.Equal($"{Name}:7", first.ForUser("user-1").Experiment);
    }

    [Fact]
    public async Task Late_or_unloadable_snapshots_change_nothing()
    {
        using var host = NewHost();
        var v7 = await StoreAsync(V7);
        await host.ApplyAsync(Snapshot(5, v7));

        // Revision 4 arrives after 5 (a push overtaken by a poll): ignored.
        Assert.False(await host.ApplyAsync(Snapshot(4, await StoreAsync(V1))));
        Assert.Equal("7", host.ForUser("u").Scorer.Model.Version);

        // A version whose artifact is missing from the store: the current models keep serving.
        var missing = v7 with { Version = "8", Sha256 = new string('0', 64) };
        Assert.False(await host.ApplyAsync(Snapshot(6, v7, missing, 0.5)));
        Assert.Equal(5, host.Revision);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("7", host.ForUser($"u{i}").Scorer.Model.Version));
    }

    [Fact]
    public async Task A_replaced_model_keeps_scoring_through_the_grace_period_and_is_freed_after_it()
    {
        using var host = NewHost();
        await host.ApplyAsync(Snapshot(1, await StoreAsync(V7)));
        var old = (RegisteredScorer)host.Find(null, null)!;

        await host.ApplyAsync(Snapshot(2, await StoreAsync(V1)));
        Assert.Equal("1", host.ForUser("u").Scorer.Model.Version);
        var rows = new float[old.Inner.Vectorizer.DenseWidth];
        var ids = new int[old.Inner.Vectorizer.CategoricalCount];
        var score = new float[1];
        old.Inner.ScoreRows(rows, ids, 1, score); // a request that picked the old model just before the swap
        Assert.True(float.IsFinite(score[0]));

        _time.Advance(TimeSpan.FromSeconds(16));
        await TestLeads.Eventually(() =>
        {
            try
            {
                old.Inner.ScoreRows(rows, ids, 1, score);
                return Task.FromResult(false);
            }
            catch (ObjectDisposedException)
            {
                return Task.FromResult(true);
            }
        }, "the replaced model to be disposed", timeoutMs: 5_000);
    }

    [Fact]
    public async Task Readers_racing_swaps_always_get_a_whole_loaded_model()
    {
        using var host = NewHost();
        var entries = new[] { await StoreAsync(V1), await StoreAsync(V7) };
        using var stop = new CancellationTokenSource();
        var scored = 0L;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (host.ForUser("reader").Scorer is RegisteredScorer model)
                {
                    var scores = new float[2];
                    model.Inner.ScoreRows(new float[2 * model.Inner.Vectorizer.DenseWidth], new int[2 * model.Inner.Vectorizer.CategoricalCount], 2, scores);
                    Assert.All(scores, s => Assert.True(float.IsFinite(s)));
                    Interlocked.Increment(ref scored);
                }
            }
        })).ToArray();

        for (var revision = 1; revision <= 12; revision++)
        {
            Assert.True(await host.ApplyAsync(Snapshot(revision, entries[revision % 2])));
        }
        await Task.Delay(100);
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(Interlocked.Read(ref scored) > 0);
        Assert.Equal("1", host.ForUser("reader").Scorer.Model.Version); // revision 12 serves entries[0]
    }

    [Fact]
    public void The_grain_services_register_the_serving_models_as_the_model_selector()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddLeadRecsGrains().BuildServiceProvider();

        Assert.Same(services.GetRequiredService<ServingModels>(), services.GetRequiredService<IModelSelector>());
    }
}
