using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace LeadRecs.Client.Api.Resilience;

/// <summary>
/// Retries a grain call that failed because a silo died or was unreachable (its grains re-activate elsewhere
/// within seconds). Only for idempotent operations: reads, upserts, and applying events (grains skip event ids
/// they already applied). Bounded attempts with jittered exponential back-off, so a dead cluster still fails fast.
/// </summary>
public static class GrainCallRetry
{
    public const int MaxAttempts = 6;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Delay(attempt), cancellationToken);
            }
        }
    }

    public static Task RunAsync(Func<Task> call, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>Failures of the cluster's plumbing, not of the request: a dead or unreachable silo, a timed-out call.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => ex.InnerException is { } inner && IsTransient(inner),
    };

    private static TimeSpan Delay(int attempt)
    {
        var exponential = FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        // Full jitter: retries from many requests don't arrive at the recovering silo in step.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * capped + 10);
    }
}
