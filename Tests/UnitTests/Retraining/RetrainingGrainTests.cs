using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Retraining;
using LeadRecs.UnitTests.Training;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Retraining;

[Collection(RetrainingClusterCollection.Name)]
public sealed class RetrainingGrainTests(RetrainingClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_manual_run_trains_on_the_log_and_the_grain_catalog_and_registers_a_canary_at_the_configured_share()
    {
        var model = RetrainingClusterFixture.NewModel();
        var stable = await RegisterStableAsync(model);
        using var runs = new RetrainingRunsListener(model);

        var started = await fixture.Retraining(model).TriggerAsync(RetrainingRun.ManualTrigger, "asked by a test");
        Assert.Equal(RetrainingRun.Running, started.Status);
        Assert.Matches(@"^\d{14}-\d+$", started.Id);
        var status = await fixture.WaitForRunsAsync(model);

        var run = Assert.Single(status.Recent);
        Assert.True(run.Status == RetrainingRun.Succeeded, run.Error);
        Assert.Equal(started.Id, run.Id);
        Assert.Equal(run.Id, run.Version);
        Assert.True(run.Rows > 0);
        Assert.NotNull(run.FinishedAt);

        // The history: every interaction of the window, the leads from their grains, the cells' market series.
        var history = fixture.Trainer.LastHistory(model)!;
        Assert.Equal(fixture.Market.Interactions.Count(i => i.At < fixture.Time.GetUtcNow()), history.Interactions.Count);
        Assert.Superset(
            fixture.Market.Interactions.Select(i => i.LeadId).ToHashSet(),
            history.Leads.Select(l => l.Id).ToHashSet());
        Assert.NotEmpty(history.MarketPoints);

        var registry = await fixture.Registry(model).GetSnapshotAsync();
        Assert.Equal(stable.Version, registry.Stable?.Version);
        Assert.Equal(run.Version, registry.Canary?.Version);
        Assert.Equal(RetrainingClusterFixture.CanaryShare, registry.CanaryShare);
        Assert.Contains("manual", registry.History[^1].Reason);
        Assert.Contains("asked by a test", registry.History[^1].Reason);
        var artifact = await fixture.Artifacts.GetAsync(registry.Canary!.Sha256);
        Assert.Equal(run.Version, artifact?.Manifest.ModelVersion);
        Assert.Equal(model, artifact?.Manifest.ModelName);

        Assert.Equal([(RetrainingRun.ManualTrigger, RetrainingRun.Succeeded)], runs.Runs);
    }

    [Fact]
    public async Task The_schedule_keeps_a_reminder_whose_tick_under_fake_time_starts_a_scheduled_run()
    {
        var model = RetrainingClusterFixture.NewModel();
        var grain = fixture.Retraining(model);
        var now = fixture.Time.GetUtcNow();

        await grain.EnsureScheduledAsync();
        await grain.EnsureScheduledAsync(); // every silo asks at start; the reminder is registered once
        var status = await grain.GetStatusAsync();
        Assert.Equal(TimeSpan.FromDays(7), status.Period);
        Assert.Equal(now.AddDays(7), status.NextScheduledAt);
        var reminder = await fixture.SiloServices.GetRequiredService<IReminderTable>().ReadRow(grain.GetGrainId(), RetrainingGrain.ReminderName);
        Assert.NotNull(reminder);
        Assert.Equal(TimeSpan.FromDays(7), reminder.Period);

        // A week later the reminder ticks, as Orleans delivers it.
        // (Domain time only moves forward; the other tests do not mind a later now.)
        fixture.Time.Advance(TimeSpan.FromDays(7));
        await grain.AsReference<IRemindable>().ReceiveReminder(
            RetrainingGrain.ReminderName, new TickStatus(reminder.StartAt, reminder.Period, DateTime.UtcNow));
        status = await fixture.WaitForRunsAsync(model);

        var run = Assert.Single(status.Recent);
        Assert.Equal(RetrainingRun.ScheduleTrigger, run.Trigger);
        Assert.True(run.Status == RetrainingRun.Succeeded, run.Error);
        Assert.Equal(now.AddDays(14), status.NextScheduledAt);
        // No version before: the first retrained one is stable.
        Assert.Equal(run.Version, (await fixture.Registry(model).GetSnapshotAsync()).Stable?.Version);
    }

    [Fact]
    public async Task Drift_past_the_threshold_on_enough_rows_of_the_stable_version_triggers_a_run_once_per_cool_down()
    {
        var model = RetrainingClusterFixture.NewModel();
        var stable = await RegisterStableAsync(model);
        var grain = fixture.Retraining(model);
        const long Enough = RetrainingClusterFixture.MinDriftObservations;

        // Below the threshold, too few rows, or about another version: nothing starts.
        await grain.ReportDriftAsync("silo-a", stable.Version, [Drift("user.log_activity", 0.2, Enough * 10)]);
        await grain.ReportDriftAsync("silo-a", stable.Version, [Drift("user.log_activity", 0.9, Enough - 1)]);
        await grain.ReportDriftAsync("silo-b", "another-version", [Drift("lead.log_price", 0.9, Enough * 10)]);
        var status = await grain.GetStatusAsync();
        Assert.Null(status.Current);
        Assert.Empty(status.Recent);
        Assert.Equal(["lead.log_price", "user.log_activity"], status.Drift.Select(d => d.Feature));

        await grain.ReportDriftAsync("silo-b", stable.Version,
            [Drift("user.log_activity", 0.1, Enough), Drift("lead.log_price", 0.4, Enough), Drift("geo.log_distance_km", 0.31, Enough)]);
        status = await fixture.WaitForRunsAsync(model);
        var run = Assert.Single(status.Recent);
        Assert.Equal(RetrainingRun.DriftTrigger, run.Trigger);
        Assert.True(run.Status == RetrainingRun.Succeeded, run.Error);
        Assert.Contains("lead.log_price 0.400", run.Reason);
        Assert.Contains("geo.log_distance_km 0.310", run.Reason);
        Assert.DoesNotContain("user.log_activity", run.Reason);
        Assert.Equal(run.Version, (await fixture.Registry(model).GetSnapshotAsync()).Canary?.Version);

        // The canary is still being evaluated: drift of the stable version does not replace it.
        await grain.ReportDriftAsync("silo-b", stable.Version, [Drift("lead.log_price", 0.5, Enough)]);
        Assert.Single((await grain.GetStatusAsync()).Recent);

        // Rolled back, the drift persists: within the cool-down it does not retrain again; after it, it does.
        Assert.True((await fixture.Registry(model).RollbackAsync("test")).Succeeded);
        await grain.ReportDriftAsync("silo-b", stable.Version, [Drift("lead.log_price", 0.5, Enough)]);
        Assert.Single((await grain.GetStatusAsync()).Recent);
        Assert.Null((await grain.GetStatusAsync()).Current);

        fixture.Time.Advance(RetrainingClusterFixture.DriftCooldown);
        await grain.ReportDriftAsync("silo-b", stable.Version, [Drift("lead.log_price", 0.5, Enough)]);
        status = await fixture.WaitForRunsAsync(model, 2);
        Assert.Equal(2, status.Recent.Count);
        Assert.All(status.Recent, r => Assert.Equal(RetrainingRun.DriftTrigger, r.Trigger));
    }

    [Fact]
    public async Task Simultaneous_triggers_start_one_training_and_the_grain_answers_while_it_runs()
    {
        var model = RetrainingClusterFixture.NewModel();
        var gate = fixture.Trainer.Hold(model);
        var grain = fixture.Retraining(model);

        var runs = await Task.WhenAll(
            grain.TriggerAsync(RetrainingRun.ManualTrigger, "first"),
            grain.TriggerAsync(RetrainingRun.ManualTrigger, "second"),
            grain.TriggerAsync(RetrainingRun.ScheduleTrigger, "third"));
        Assert.True(await fixture.Trainer.EnteredAsync(model, Wait));
        Assert.Single(runs.Select(r => r.Id).Distinct());
        runs = [.. runs, await grain.TriggerAsync(RetrainingRun.ManualTrigger, "during the run")];
        Assert.Single(runs.Select(r => r.Id).Distinct());

        var during = await grain.GetStatusAsync();
        Assert.Equal(runs[0].Id, during.Current?.Id);
        Assert.Empty(during.Recent);

        gate.Set();
        var status = await fixture.WaitForRunsAsync(model);
        Assert.Single(status.Recent);
        Assert.Equal(1, fixture.Trainer.Calls(model));
        var registry = await fixture.Registry(model).GetSnapshotAsync();
        Assert.Equal(runs[0].Id, Assert.Single(registry.Versions).Version);
    }

    [Fact]
    public async Task A_failed_training_is_recorded_with_its_error_and_registers_nothing()
    {
        var model = RetrainingClusterFixture.NewModel();
        fixture.Trainer.FailWith(model, "the trainer ran out of patience");
        using var runs = new RetrainingRunsListener(model);

        await fixture.Retraining(model).TriggerAsync(RetrainingRun.ManualTrigger, "expected to fail");
        var status = await fixture.WaitForRunsAsync(model);

        var run = Assert.Single(status.Recent);
        Assert.Equal(RetrainingRun.Failed, run.Status);
        Assert.Contains("the trainer ran out of patience", run.Error);
        Assert.Null(run.Version);
        Assert.NotNull(run.FinishedAt);
        var registry = await fixture.Registry(model).GetSnapshotAsync();
        Assert.Empty(registry.Versions);
        Assert.Null(registry.Stable);
        Assert.Equal([(RetrainingRun.ManualTrigger, RetrainingRun.Failed)], runs.Runs);

        // The failure does not wedge the grain: the next trigger starts a new run.
        var next = await fixture.Retraining(model).TriggerAsync(RetrainingRun.ManualTrigger, "again");
        Assert.NotEqual(run.Id, next.Id);
        Assert.Equal(2, (await fixture.WaitForRunsAsync(model, 2)).Recent.Count);
    }

    [Fact]
    public async Task A_run_cut_short_by_deactivation_is_recorded_as_failed_and_the_next_trigger_runs()
    {
        var model = RetrainingClusterFixture.NewModel();
        fixture.Trainer.Hold(model); // never released: only cancellation ends this training
        var grain = fixture.Retraining(model);
        var started = await grain.TriggerAsync(RetrainingRun.ManualTrigger, "to be cut short");
        Assert.True(await fixture.Trainer.EnteredAsync(model, Wait));

        await fixture.Cluster.DeactivateAsync(grain);

        var status = await grain.GetStatusAsync();
        var run = Assert.Single(status.Recent);
        Assert.Equal(started.Id, run.Id);
        Assert.Equal(RetrainingRun.Failed, run.Status);
        Assert.Null(status.Current);
        Assert.Empty((await fixture.Registry(model).GetSnapshotAsync()).Versions);
    }

    private async Task<ModelVersionEntry> RegisterStableAsync(string model)
    {
        var artifact = LeadModelFixture.Latest.Artifact;
        await fixture.Artifacts.PutAsync(artifact);
        // Registered two days ago: longer than the drift cool-down.
        var entry = artifact.Manifest.ToVersionEntry(fixture.Time.GetUtcNow().AddDays(-2), "test");
        Assert.True((await fixture.Registry(model).RegisterAsync(entry, 0, "the stable version of the test")).Succeeded);
        return entry;
    }

    private static FeatureDrift Drift(string feature, double psi, long observations) => new(feature, psi, 0.25, observations);
}
