using LeadRecs.Grains.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadRecs.UnitTests.Resilience;

public sealed class DependencyHealthTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void A_failure_degrades_the_dependency_until_a_success()
    {
        var health = Create();
        Assert.False(health.IsDegraded);
        health.ReportFailure("postgresql", "POST /api/events", "SocketException ConnectionRefused");
        Assert.True(health.IsDegraded);
        Assert.Equal("degraded", health.Snapshot()["postgresql"]);

        _time.Advance(TimeSpan.FromSeconds(1));
        health.ReportSuccess("postgresql");
        Assert.Equal("ok", health.Snapshot()["postgresql"]);
        Assert.Contains(_log.Lines, l => l == "Information: postgresql answers again");
    }

    [Fact]
    public void Without_a_reported_success_it_is_ok_again_once_failures_stop_for_a_while()
    {
        var health = Create();
        health.ReportFailure("redis", "ranking cache", "RedisConnectionException");
        _time.Advance(DependencyHealth.DegradedFor);
        Assert.False(health.IsDegraded);
    }

    [Fact]
    public void An_outage_under_load_is_one_line_per_operation_and_reason_per_interval_with_the_count()
    {
        var health = Create();
        for (var i = 0; i < 500; i++)
        {
            health.ReportFailure("postgresql", "POST /api/events", "SocketException ConnectionRefused");
            health.ReportFailure("postgresql", "grain storage read", "SocketException ConnectionRefused");
        }
        Assert.Equal(2, _log.Lines.Count);

        _time.Advance(DependencyHealth.LogInterval);
        health.ReportFailure("postgresql", "POST /api/events", "SocketException ConnectionRefused");
        Assert.Equal(3, _log.Lines.Count);
        Assert.Contains("and 499 more", _log.Lines[^1]);
        Assert.StartsWith("Warning: postgresql unavailable for POST /api/events", _log.Lines[^1]);
    }

    public void Dispose() => _services.Dispose();

    private DependencyHealth Create() => new(_time, _log, _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private sealed class ListLogger : ILogger<DependencyHealth>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
