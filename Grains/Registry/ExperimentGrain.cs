using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Ranking.Experiments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains.Registry;

/// <summary>
/// Sums the silos' tallies per experiment and variant, tests canary against control, and (when automatic decisions
/// are on) asks the registry to promote or roll back, recording the decision with the numbers behind it.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", LeadRecsGrainOptions.StorageName)] IPersistentState<ExperimentState> state,
    IOptions<ExperimentOptions> options,
    TimeProvider time,
    ILogger<ExperimentGrain> logger)
    : Grain, IExperimentGrain
{
    private const int MaxDecisions = 50;

    /// <summary>Senders remembered for de-duplication: silo processes, so far more than a cluster has at once.</summary>
    public const int MaxSources = 256;

    private readonly ExperimentPolicy _policy = options.Value.ToPolicy();
    private long? _lastEvaluated;

    private string ModelName => this.GetPrimaryKeyString();

    private IModelRegistryGrain Registry => GrainFactory.GetGrain<IModelRegistryGrain>(ModelName);

    public async Task AddAsync(string source, long sequence, IReadOnlyList<VariantTally> tallies)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var sources = state.State.Sources;
        var known = sources.FindIndex(s => s.Source == source);
        if (known >= 0)
        {
            if (sources[known].LastSequence >= sequence)
            {
                return; // a flush sent again: it was added the first time
            }
            sources.RemoveAt(known);
        }
        sources.Insert(0, new TallySource { Source = source, LastSequence = sequence });
        if (sources.Count > MaxSources)
        {
            sources.RemoveRange(MaxSources, sources.Count - MaxSources);
        }

        foreach (var tally in tallies)
        {
            var totals = Experiment(tally.Experiment).For(tally.Variant, tally.Version);
            totals.Impressions += tally.Impressions;
            totals.Clicks += tally.Clicks;
            totals.Inquiries += tally.Inquiries;
            totals.Hits += tally.Hits;
        }
        await state.WriteStateAsync();

        if (options.Value.AutoDecide && (_lastEvaluated is not { } last || time.GetElapsedTime(last) >= options.Value.EvaluateInterval))
        {
            await EvaluateAsync();
        }
    }

    public async Task<ExperimentReport> GetReportAsync() => Report(await Registry.GetSnapshotAsync(), null);

    public async Task<ExperimentReport> EvaluateAsync()
    {
        _lastEvaluated = time.GetTimestamp();
        var snapshot = await Registry.GetSnapshotAsync();
        if (snapshot.Canary is not { } canary || snapshot.Stable is not { } stable)
        {
            return Report(snapshot, null);
        }

        var decision = _policy.Decide(Counts(snapshot, RegistrySnapshot.ControlVariant, stable.Version), Counts(snapshot, RegistrySnapshot.CanaryVariant, canary.Version));
        if (decision.Outcome == ExperimentOutcome.Continue || !options.Value.AutoDecide)
        {
            return Report(snapshot, decision);
        }

        var reason = $"experiment {snapshot.ExperimentSalt}: {decision.Reason}";
        var result = decision.Outcome == ExperimentOutcome.Promote
            ? await Registry.PromoteAsync(canary.Version, reason)
            : await Registry.RollbackAsync(reason);
        if (!result.Succeeded)
        {
            // The registry moved on meanwhile (e.g. an operator promoted by hand): nothing to record.
            logger.LogInformation("Experiment {Experiment} decision {Outcome} not applied: {Error}", snapshot.ExperimentSalt, decision.Outcome, result.Error);
            return Report(result.Snapshot, decision);
        }

        var action = decision.Outcome == ExperimentOutcome.Promote ? RegistryChange.Promote : RegistryChange.Rollback;
        state.State.Decisions.Add(new RegistryChange(time.GetUtcNow(), action, canary.Version, stable.Version, reason, result.Snapshot.Revision));
        if (state.State.Decisions.Count > MaxDecisions)
        {
            state.State.Decisions.RemoveAt(0);
        }
        await state.WriteStateAsync();
        logger.LogInformation("Experiment {Experiment}: {Action} canary {Version}: {Reason}", snapshot.ExperimentSalt, action, canary.Version, decision.Reason);
        return Report(snapshot, decision);
    }

    private ExperimentTotals Experiment(string experiment)
    {
        var totals = state.State.Experiments.FirstOrDefault(e => e.Experiment == experiment);
        if (totals is null)
        {
            state.State.Experiments.Insert(0, totals = new ExperimentTotals { Experiment = experiment, StartedAt = time.GetUtcNow() });
            if (state.State.Experiments.Count > options.Value.MaxExperiments)
            {
                state.State.Experiments.RemoveAt(state.State.Experiments.Count - 1);
            }
        }
        return totals;
    }

    private VariantCounts Counts(RegistrySnapshot snapshot, string variant, string version)
    {
        var totals = state.State.Experiments.FirstOrDefault(e => e.Experiment == snapshot.ExperimentSalt)?.Variants
            .FirstOrDefault(v => v.Variant == variant && v.Version == version) ?? new VariantTotals();
        return new VariantCounts(variant, version, totals.Impressions, totals.Clicks, totals.Inquiries, totals.Hits, totals.Impressions);
    }

    private ExperimentReport Report(RegistrySnapshot snapshot, ExperimentDecision? decision)
    {
        var running = snapshot.Canary is not null && snapshot.Stable is not null;
        var experiment = state.State.Experiments.FirstOrDefault(e => e.Experiment == snapshot.ExperimentSalt);
        var variants = new List<VariantReport>();
        if (snapshot.Stable is { } stable)
        {
            variants.Add(Variant(Counts(snapshot, RegistrySnapshot.ControlVariant, stable.Version), running ? 1 - snapshot.CanaryShare : 1));
        }
        if (snapshot.Canary is { } canary)
        {
            variants.Add(Variant(Counts(snapshot, RegistrySnapshot.CanaryVariant, canary.Version), snapshot.CanaryShare));
        }
        if (running && decision is null)
        {
            decision = _policy.Decide(
                Counts(snapshot, RegistrySnapshot.ControlVariant, snapshot.Stable!.Version),
                Counts(snapshot, RegistrySnapshot.CanaryVariant, snapshot.Canary!.Version));
        }
        var test = decision is null
            ? null
            : new ExperimentTest(
                decision.Metric.ToString(), decision.Test?.Z ?? 0, decision.Test?.PValue ?? 1,
                decision.Outcome != ExperimentOutcome.Continue, decision.Outcome.ToString().ToLowerInvariant(), decision.Reason);
        return new ExperimentReport(
            ModelName, snapshot.ExperimentSalt, running ? "running" : "idle", experiment?.StartedAt, variants, test, state.State.Decisions.ToArray());
    }

    private VariantReport Variant(VariantCounts c, double weight)
    {
        var ctr = WilsonInterval.Compute(Math.Min(c.Clicks, c.Impressions), c.Impressions);
        var precision = WilsonInterval.Compute(Math.Min(c.RelevantAtK, c.SlotsAtK), c.SlotsAtK);
        return new VariantReport(
            c.Variant, c.Version, weight, c.Impressions, c.Clicks, c.Inquiries, c.RelevantAtK,
            c.Ctr, ctr.Lower, ctr.Upper, c.PrecisionAtK, precision.Lower, precision.Upper);
    }
}
