using System.Diagnostics.Metrics;
using LeadRecs.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace LeadRecs.Grains.Resilience;

/// <summary>
/// What this process has seen of its dependencies (PostgreSQL, Redis): failures reported by grain storage, the
/// interaction log, the API and the Redis breaker, successes where they are cheap to see. A dependency is degraded from
/// a failure until a success or, where no success is reported, until <see cref="DegradedFor"/> without failures.
/// <c>/health</c> shows it, <c>leadrecs_dependency_failures_total</c> counts the failures, and the log gets one warning
/// line per dependency, operation and reason per <see cref="LogInterval"/> (with the count since the last line), so an
/// outage under load is a few lines, not a stack trace per request.
/// </summary>
public sealed partial class DependencyHealth
{
    public static readonly TimeSpan DegradedFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly ILogger<DependencyHealth> _logger;
    private readonly Counter<long> _failures;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset? Failed, DateTimeOffset? Succeeded)> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), (DateTimeOffset Logged, long Suppressed)> _lines = [];
    private int _failuresOnRecord;

    public DependencyHealth(TimeProvider time, ILogger<DependencyHealth> logger, IMeterFactory meters)
    {
        _time = time;
        _logger = logger;
        var meter = meters.Create(LeadRecsMetrics.MeterName);
        _failures = meter.CreateCounter<long>(
            "leadrecs.dependency.failures", "{failure}", "Calls that failed because a dependency (postgresql, redis) was unavailable, by operation.");
        meter.CreateObservableGauge(
            "leadrecs.dependency.degraded", () => Snapshot().Select(s => new Measurement<int>(s.Value == Degraded ? 1 : 0, new KeyValuePair<string, object?>("dependency", s.Key))),
            "{dependency}", "1 while this process sees the dependency as unavailable.");
    }

    public const string Ok = "ok";
    public const string Degraded = "degraded";

    /// <summary>True while any dependency is degraded.</summary>
    public bool IsDegraded => Snapshot().Values.Any(v => v == Degraded);

    public void ReportFailure(string dependency, string operation, string reason)
    {
        var now = _time.GetUtcNow();
        _failures.Add(1, new("dependency", dependency), new("operation", operation));
        long suppressed;
        lock (_lock)
        {
            _states[dependency] = (now, _states.GetValueOrDefault(dependency).Succeeded);
            Volatile.Write(ref _failuresOnRecord, 1);
            var key = (dependency, operation, reason);
            if (_lines.TryGetValue(key, out var line) && now - line.Logged < LogInterval)
            {
                _lines[key] = line with { Suppressed = line.Suppressed + 1 };
                return;
            }
            suppressed = line.Suppressed;
            _lines[key] = (now, 0);
        }
        LogFailure(_logger, dependency, operation, reason, suppressed, LogInterval.TotalSeconds);
    }

    public void ReportSuccess(string dependency)
    {
        // Called for every storage operation: nothing to do unless a failure is on record.
        if (Volatile.Read(ref _failuresOnRecord) == 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var state = _states.GetValueOrDefault(dependency);
            var wasDegraded = IsDegradedAt(state, now);
            _states[dependency] = (state.Failed, now);
            Volatile.Write(ref _failuresOnRecord, _states.Values.Any(v => IsDegradedAt(v, now)) ? 1 : 0);
            if (!wasDegraded)
            {
                return;
            }
        }
        LogRecovered(_logger, dependency);
    }

    /// <summary>Every dependency reported so far, as <see cref="Ok"/> or <see cref="Degraded"/>.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _states.ToDictionary(s => s.Key, s => IsDegradedAt(s.Value, now) ? Degraded : Ok, StringComparer.Ordinal);
        }
    }

    private static bool IsDegradedAt((DateTimeOffset? Failed, DateTimeOffset? Succeeded) state, DateTimeOffset now) =>
        state.Failed is { } failed && (state.Succeeded is not { } succeeded || succeeded < failed) && now - failed < DegradedFor;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Dependency} unavailable for {Operation}: {Reason} (and {Suppressed} more such failures in the {Interval} s before)")]
    private static partial void LogFailure(ILogger logger, string dependency, string operation, string reason, long suppressed, double interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dependency} answers again")]
    private static partial void LogRecovered(ILogger logger, string dependency);
}
