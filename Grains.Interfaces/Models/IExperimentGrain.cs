using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// The A/B experiment of one model name (the grain key): per-variant totals fed by every silo's tally, a
/// two-proportion z-test on precision@k, and (when enabled) the promote or rollback it calls for.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    Task AddAsync(IReadOnlyList<VariantTally> tallies);

    [AlwaysInterleave]
    Task<ExperimentReport> GetReportAsync();

    /// <summary>Runs the test now and acts on it when automatic decisions are on; returns the report after.</summary>
    Task<ExperimentReport> EvaluateAsync();
}
