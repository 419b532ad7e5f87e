using Orleans.Concurrency;

namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// The A/B experiment of one model name (the grain key): per-variant totals fed by every silo's tally, a
/// two-proportion z-test on precision@k, and (when enabled) the promote or rollback it calls for.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds one flush of a silo's counts. <paramref name="source"/> names the sender (one per silo process) and
    /// <paramref name="sequence"/> numbers its flushes from 1: a flush sent again after a timeout (that may have
    /// arrived) has a sequence already added and is ignored, so no count is added twice.
    /// </summary>
    Task AddAsync(string source, long sequence, IReadOnlyList<VariantTally> tallies);

    [AlwaysInterleave]
    Task<ExperimentReport> GetReportAsync();

    /// <summary>Runs the test now and acts on it when automatic decisions are on; returns the report after.</summary>
    Task<ExperimentReport> EvaluateAsync();
}
