using LeadRecs.Grains.Caching;
using Microsoft.Extensions.Time.Testing;

namespace LeadRecs.UnitTests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void It_opens_after_the_threshold_of_failures_in_a_row_and_skips_calls_while_open()
    {
        var breaker = new CircuitBreaker(_time, failureThreshold: 3, openFor: TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryEnter());
        Assert.False(breaker.OnFailure());
        Assert.False(breaker.OnFailure());
        breaker.OnSuccess(); // a success in between resets the count
        Assert.False(breaker.OnFailure());
        Assert.False(breaker.OnFailure());
        Assert.True(breaker.OnFailure());

        Assert.True(breaker.IsOpen);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(breaker.TryEnter());
    }

    [Fact]
    public void After_the_open_period_one_probe_goes_through_and_decides()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter()); // one probe at a time

        breaker.OnFailure(); // the probe failed: closed to calls for another period
        Assert.False(breaker.TryEnter());
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryEnter());

        Assert.True(breaker.OnSuccess()); // the probe succeeded: closed again
        Assert.False(breaker.IsOpen);
        Assert.True(breaker.TryEnter());
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void An_abandoned_probe_lets_the_next_call_probe()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryEnter());
        breaker.Abandon();
        Assert.True(breaker.TryEnter());
        Assert.True(breaker.IsOpen);
    }

    private CircuitBreaker Opened()
    {
        var breaker = new CircuitBreaker(_time, failureThreshold: 1, openFor: TimeSpan.FromSeconds(5));
        Assert.True(breaker.OnFailure());
        return breaker;
    }
}
