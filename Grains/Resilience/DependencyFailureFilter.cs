using Orleans.Runtime;

namespace LeadRecs.Grains.Resilience;

/// <summary>
/// The grain boundary for database failures: a grain call that failed because PostgreSQL is unavailable (the interaction
/// log, a storage write, however Orleans wrapped it) leaves the silo as <see cref="Interfaces.DependencyUnavailableException"/>,
/// which the API answers with 503. Without it the driver's exception reached the client as a codec fallback that nobody
/// could classify, and became a 500.
/// </summary>
public sealed class DependencyFailureFilter(DependencyHealth health) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        // The common case costs no state machine: most calls complete, many synchronously.
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? call : AwaitAsync(call, context);
    }

    private async Task AwaitAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (PostgresOutage.Report(ex, health, context.InterfaceMethod?.Name ?? "grain call") is { } outage
                                   && !ReferenceEquals(outage, ex))
        {
            throw outage;
        }
    }
}
