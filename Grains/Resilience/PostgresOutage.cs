using LeadRecs.Grains.Interfaces;
using LeadRecs.Storage;

namespace LeadRecs.Grains.Resilience;

/// <summary>Turns a PostgreSQL outage, however wrapped, into the one exception Orleans carries to a client intact.</summary>
public static class PostgresOutage
{
    /// <summary>The outage <paramref name="exception"/> stands for, or null when it is some other error.</summary>
    public static DependencyUnavailableException? Translate(Exception exception) => exception switch
    {
        DependencyUnavailableException known => known,
        _ when PostgresFailures.IsTransient(exception) =>
            new DependencyUnavailableException(DependencyUnavailableException.Postgres, PostgresFailures.ReasonOf(exception)),
        _ => null,
    };

    /// <summary>Reports the outage (one log line per reason and interval) and returns what to throw instead.</summary>
    public static DependencyUnavailableException? Report(Exception exception, DependencyHealth health, string operation)
    {
        if (Translate(exception) is not { } outage)
        {
            return null;
        }
        // Passed on from a grain below, which reported it already.
        if (!ReferenceEquals(outage, exception))
        {
            health.ReportFailure(outage.Dependency, operation, outage.Reason);
        }
        return outage;
    }
}
