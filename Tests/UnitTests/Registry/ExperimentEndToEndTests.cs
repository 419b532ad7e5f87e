using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Model;
using LeadRecs.UnitTests.Grains;
using LeadRecs.UnitTests.Training;

namespace LeadRecs.UnitTests.Registry;

/// <summary>
/// The whole loop on two silos: the registry's change reaches both silos, users are split by the sticky hash,
/// user grains count impressions and attributed clicks, the silos' tallies reach the experiment grain, and its
/// z-test promotes or rolls back the canary through the registry.
/// </summary>
[Collection(RegistryClusterCollection.Name)]
public sealed class ExperimentEndToEndTests(RegistryClusterFixture fixture)
{
    private IModelRegistryGrain Registry => fixture.Grains.GetGrain<IModelRegistryGrain>(RegistryClusterFixture.ServingModel);

    private IExperimentGrain Experiment => fixture.Grains.GetGrain<IExperimentGrain>(RegistryClusterFixture.ServingModel);

    /// <summary>Stores <paramref name="artifact"/> and makes it the stable version under a fresh version name.</summary>
    private async Task<string> MakeStableAsync(ModelArtifact artifact, string version)
    {
        await fixture.Store.PutAsync(artifact);
        var entry = artifact.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test") with { Version = version };
        var result = await Registry.RegisterAsync(entry, 0, "test stable");
        if (result.Snapshot.Stable?.Version != version)
        {
            result = await Registry.PromoteAsync(version, "test stable");
        }
        Assert.Equal(version, result.Snapshot.Stable?.Version);
        return version;
    }

    private async Task<RegistrySnapshot> AddCanaryAsync(ModelArtifact artifact, string version, double share)
    {
        await fixture.Store.PutAsync(artifact);
        var entry = artifact.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test") with { Version = version };
        var result = await Registry.RegisterAsync(entry, share, "test canary");
        Assert.True(result.Succeeded, result.Error);
        return result.Snapshot;
    }

    private Task WaitForSilosAsync(long revision) => TestLeads.Eventually(
        () => Task.FromResult(fixture.SiloModels.All(m => m.Revision >= revision)), $"both silos serve revision {revision}");

    [Fact]
    public async Task A_flush_sent_again_is_counted_once()
    {
        // A model name of its own, so the serving model's experiment is left alone.
        var name = $"{TestLeads.Prefix()}-model";
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>(name);
        var artifact = LeadModelFixture.Latest.Artifact;
        await fixture.Store.PutAsync(artifact);
        var registered = await registry.RegisterAsync(artifact.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test") with { Version = "v1" }, 0, "test stable");
        Assert.Equal("v1", registered.Snapshot.Stable?.Version);
        var experiment = fixture.Grains.GetGrain<IExperimentGrain>(name);
        VariantTally Shown(long impressions) =>
            new(registered.Snapshot.ExperimentSalt, RegistrySnapshot.ControlVariant, "v1", impressions, 1, 0, 1);

        await experiment.AddAsync("silo-a", 1, [Shown(10)]);
        await experiment.AddAsync("silo-a", 1, [Shown(10)]); // the same flush again, after a timeout that hid its success
        await experiment.AddAsync("silo-a", 2, [Shown(5)]);
        await experiment.AddAsync("silo-a", 1, [Shown(10)]); // late and out of order
        await experiment.AddAsync("silo-b", 1, [Shown(3)]); // another silo's first flush

        var control = Assert.Single((await experiment.GetReportAsync()).Variants);
        Assert.Equal((18L, 3L, 3L), (control.Impressions, control.Clicks, control.Hits));
    }

    [Fact]
    public async Task Both_silos_serve_a_new_version_within_seconds_and_split_users_identically()
    {
        var p = TestLeads.Prefix();
        await MakeStableAsync(LeadModelFixture.OnV1.Artifact, $"{p}-stable");
        var snapshot = await AddCanaryAsync(LeadModelFixture.Latest.Artifact, $"{p}-canary", 0.3);
        await WaitForSilosAsync(snapshot.Revision);

        var silos = fixture.SiloModels.ToArray();
        var canaryUsers = 0;
        for (var i = 0; i < 2000; i++)
        {
            var a = silos[0].ForUser($"u{i}");
            var b = silos[1].ForUser($"u{i}");
            Assert.Equal((a.Variant, a.Scorer.Model), (b.Variant, b.Scorer.Model));
            canaryUsers += a.Variant == RegistrySnapshot.CanaryVariant ? 1 : 0;
        }
        Assert.InRange(canaryUsers, 600 - 103, 600 + 103); // Binomial(2000, 0.3): sd 20.5, five either side
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Feedback_on_recommendations_promotes_a_better_canary_and_rolls_back_a_worse_one(bool canaryIsBetter)
    {
        var p = TestLeads.Prefix();
        var stable = await MakeStableAsync(LeadModelFixture.OnV1.Artifact, $"{p}-stable");
        var canary = $"{p}-canary";
        var snapshot = await AddCanaryAsync(LeadModelFixture.Latest.Artifact, canary, 0.5);
        await WaitForSilosAsync(snapshot.Revision);

        var (lat, lon) = TestLeads.PrivateSpot();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
        {
            var lead = TestLeads.Lead($"{p}-l{i}", lat + i * 0.001, lon) with { ListedAt = DateTimeOffset.UtcNow.AddDays(-5) };
            return fixture.Grains.GetGrain<ILeadGrain>(lead.Id).UpsertAsync(lead);
        }));
        var ingest = fixture.Grains.GetGrain<IInteractionIngestGrain>(0);
        var now = DateTimeOffset.UtcNow;
        await ingest.ApplyAsync(Enumerable.Range(0, 160)
            .Select(u => new InteractionEvent($"{p}-u{u}", $"{p}-l{u % 20}", InteractionKind.View, now.AddMinutes(-10), $"{p}-seed-{u}"))
            .ToArray());

        // The better variant's users click three recommended leads; the others click none.
        var better = canaryIsBetter ? RegistrySnapshot.CanaryVariant : RegistrySnapshot.ControlVariant;
        var feedback = new List<InteractionEvent>();
        for (var u = 0; u < 160; u++)
        {
            var recs = await fixture.Grains.GetGrain<IUserGrain>($"{p}-u{u}").GetRecommendationsAsync(10);
            Assert.Equal(10, recs.Items.Count);
            Assert.Equal(recs.Model.Variant == RegistrySnapshot.CanaryVariant ? canary : stable, recs.Model.Version);
            if (recs.Model.Variant == better)
            {
                feedback.AddRange(recs.Items.Take(3).Select((item, i) => new InteractionEvent(
                    $"{p}-u{u}", item.LeadId, InteractionKind.Click, DateTimeOffset.UtcNow, $"{p}-fb-{u}-{i}", recs.RecommendationId)));
            }
        }
        await ingest.ApplyAsync(feedback);

        var expected = canaryIsBetter ? canary : stable;
        await TestLeads.Eventually(async () => (await Registry.GetSnapshotAsync()) is { Canary: null } s && s.Stable?.Version == expected,
            canaryIsBetter ? "the canary is promoted" : "the canary is rolled back");
        var decision = (await Experiment.GetReportAsync()).Decisions[^1];
        Assert.Equal(canaryIsBetter ? RegistryChange.Promote : RegistryChange.Rollback, decision.Action);
        Assert.Equal(canary, decision.Version);
        Assert.Contains(snapshot.ExperimentSalt, decision.Reason);

        var history = (await Registry.GetSnapshotAsync()).History[^1];
        Assert.Equal(decision.Action, history.Action);
        await WaitForSilosAsync((await Registry.GetSnapshotAsync()).Revision);
        Assert.All(fixture.SiloModels, m => Assert.Equal(expected, m.ForUser($"{p}-u0").Scorer.Model.Version));
    }
}
