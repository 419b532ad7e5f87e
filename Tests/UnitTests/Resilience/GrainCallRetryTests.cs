using LeadRecs.Client.Api.Resilience;
using Orleans.Runtime;

namespace LeadRecs.UnitTests.Resilience;

public sealed class GrainCallRetryTests
{
    [Fact]
    public async Task A_call_that_fails_because_a_silo_died_is_retried_until_it_succeeds()
    {
        var calls = 0;
        var result = await GrainCallRetry.RunAsync(() =>
        {
            calls++;
            return calls < 3 ? throw new SiloUnavailableException("silo gone") : Task.FromResult(42);
        });
        Assert.Equal(42, result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Request_errors_are_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => GrainCallRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException<int>(new ArgumentException("bad"));
        }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var calls = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => GrainCallRetry.RunAsync(() =>
        {
            calls++;
            return Task.FromException<int>(new TimeoutException("no answer"));
        }));
        Assert.Equal(GrainCallRetry.MaxAttempts, calls);
    }

    [Fact]
    public void Wrapped_transient_failures_count_as_transient()
    {
        Assert.True(GrainCallRetry.IsTransient(new AggregateException(new SiloUnavailableException("x"))));
        Assert.True(GrainCallRetry.IsTransient(new InvalidOperationException("outer", new TimeoutException())));
        Assert.False(GrainCallRetry.IsTransient(new InvalidOperationException("plain")));
    }
}
