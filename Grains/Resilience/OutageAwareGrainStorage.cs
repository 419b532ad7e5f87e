using LeadRecs.Grains.Interfaces;
using Orleans.Storage;

namespace LeadRecs.Grains.Resilience;

/// <summary>
/// Grain storage as the grains see it: the provider below (ADO.NET on PostgreSQL), with one immediate retry of an
/// operation that failed because its pooled session was broken (the first use of a connection opened before the server
/// restarted; Npgsql empties the pool when it sees that, so the retry gets a fresh one), and an outage reported once per
/// interval and thrown as <see cref="DependencyUnavailableException"/> instead of a stack trace per grain.
/// </summary>
/// <remarks>
/// A retried write whose first attempt did commit fails on its stale ETag (<see cref="InconsistentStateException"/>);
/// Orleans then deactivates the grain, which starts again from what is stored: the same as any refused write.
/// Orleans logs a failed operation itself, with the stack; for an outage <see cref="OutageLogFilter"/> drops those
/// entries and this class reports it to <see cref="DependencyHealth"/>, which logs it once per interval.
/// </remarks>
public sealed class OutageAwareGrainStorage(IGrainStorage inner, DependencyHealth health)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("grain storage read", () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("grain storage write", () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("grain storage clear", () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task RunAsync(string operation, Func<Task> call)
    {
        try
        {
            await call();
            health.ReportSuccess(DependencyUnavailableException.Postgres);
            return;
        }
        catch (Exception ex) when (PostgresOutage.Translate(ex) is not null)
        {
        }
        try
        {
            await call();
            health.ReportSuccess(DependencyUnavailableException.Postgres);
        }
        catch (Exception ex) when (PostgresOutage.Report(ex, health, operation) is { } outage)
        {
            throw outage;
        }
    }
}
