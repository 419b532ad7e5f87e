using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Model;
using LeadRecs.UnitTests.Training;

namespace LeadRecs.UnitTests.Registry;

[Collection(RegistryClusterCollection.Name)]
public sealed class RegistryGrainTests(RegistryClusterFixture fixture)
{
    private static ModelVersionEntry Entry(ModelArtifact artifact, string version) =>
        artifact.Manifest.ToVersionEntry(DateTimeOffset.UtcNow, "test") with { Version = version };

    private IModelRegistryGrain NewRegistry() => fixture.Grains.GetGrain<IModelRegistryGrain>("reg-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_first_version_is_stable_later_ones_are_canaries_and_every_change_is_in_the_history()
    {
        var registry = NewRegistry();
        var first = await registry.RegisterAsync(Entry(LeadModelFixture.OnV1.Artifact, "1"), 0.1, "initial");
        Assert.True(first.Succeeded);
        Assert.Equal("1", first.Snapshot.Stable?.Version);
        Assert.Null(first.Snapshot.Canary);

        var second = await registry.RegisterAsync(Entry(LeadModelFixture.Latest.Artifact, "2"), 0.25, "retrained");
        Assert.Equal("1", second.Snapshot.Stable?.Version);
        Assert.Equal("2", second.Snapshot.Canary?.Version);
        Assert.Equal(0.25, second.Snapshot.CanaryShare);
        Assert.NotEqual(first.Snapshot.ExperimentSalt, second.Snapshot.ExperimentSalt);

        var promoted = await registry.PromoteAsync(null, "canary won");
        Assert.Equal("2", promoted.Snapshot.Stable?.Version);
        Assert.Null(promoted.Snapshot.Canary);
        Assert.Equal(0, promoted.Snapshot.CanaryShare);

        var rolledBack = await registry.RollbackAsync("bad in production");
        Assert.Equal("1", rolledBack.Snapshot.Stable?.Version);

        var history = rolledBack.Snapshot.History;
        Assert.Equal(
            [RegistryChange.Register, RegistryChange.Register, RegistryChange.Promote, RegistryChange.Rollback],
            history.Select(h => h.Action));
        Assert.Equal([1L, 2, 3, 4], history.Select(h => h.Revision));
        Assert.Equal("canary won", history[2].Reason);
        Assert.Equal(("2", "1"), (history[2].Version, history[2].FromVersion));
        Assert.Equal(4, rolledBack.Snapshot.Revision);
    }

    [Fact]
    public async Task Refused_commands_change_nothing()
    {
        var registry = NewRegistry();
        Assert.Equal("version", (await registry.PromoteAsync(null, "nothing to promote")).Field);
        Assert.True((await registry.RollbackAsync("nothing to roll back")).Conflict);
        Assert.True((await registry.SetSplitAsync(0.5, "no canary")).Conflict);

        await registry.RegisterAsync(Entry(LeadModelFixture.OnV1.Artifact, "1"), 0.1, "initial");
        await registry.RegisterAsync(Entry(LeadModelFixture.Latest.Artifact, "2"), 0.1, "canary");
        var before = await registry.GetSnapshotAsync();

        var outOfRange = await registry.SetSplitAsync(1.5, "too much");
        Assert.Equal("canaryShare", outOfRange.Field);
        Assert.False((await registry.SetSplitAsync(double.NaN, "nan")).Succeeded);
        var otherBytes = await registry.RegisterAsync(Entry(LeadModelFixture.Latest.Artifact, "1") with { Sha256 = new string('a', 64) }, 0.1, "clash");
        Assert.True(otherBytes.Conflict);
        Assert.Equal("version", otherBytes.Field);
        Assert.Equal("version", (await registry.PromoteAsync("9", "unknown")).Field);
        Assert.True((await registry.PromoteAsync("1", "already stable")).Conflict);

        // Registering the same version and bytes again is a no-op, not an error.
        Assert.True((await registry.RegisterAsync(Entry(LeadModelFixture.Latest.Artifact, "2"), 0.3, "retry")).Succeeded);

        var after = await registry.GetSnapshotAsync();
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.CanaryShare, after.CanaryShare);
        Assert.Equal(before.History.Count, after.History.Count);
    }

    [Fact]
    public async Task Rollback_without_a_canary_returns_to_the_previous_stable_version()
    {
        var registry = NewRegistry();
        await registry.RegisterAsync(Entry(LeadModelFixture.OnV1.Artifact, "1"), 0.1, "initial");
        await registry.RegisterAsync(Entry(LeadModelFixture.Latest.Artifact, "2"), 0.1, "canary");
        await registry.RollbackAsync("canary looked wrong");
        var afterCanaryRollback = await registry.GetSnapshotAsync();
        Assert.Equal("1", afterCanaryRollback.Stable?.Version);
        Assert.Null(afterCanaryRollback.Canary);

        await registry.PromoteAsync("2", "operator decision");
        await registry.RollbackAsync("regression");
        Assert.Equal("1", (await registry.GetSnapshotAsync()).Stable?.Version);
        Assert.True((await registry.RollbackAsync("nothing older")).Conflict);
    }
}
