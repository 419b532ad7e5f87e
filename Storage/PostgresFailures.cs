using Npgsql;

namespace LeadRecs.Storage;

/// <summary>
/// Tells a PostgreSQL outage (the server is down, restarting, out of connections, unreachable) from an error of the
/// request or the code (a constraint, bad SQL). Only the first is worth a 503 and a retry later.
/// </summary>
public static class PostgresFailures
{
    /// <summary>
    /// True when <paramref name="exception"/>, or any exception it wraps (Orleans' storage exceptions wrap the
    /// provider's), says the database could not be reached or could not serve now.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    // Not PostgresException.IsTransient: it also counts deadlocks and serialization failures, which are
                    // the request's to retry, not an outage.
                    return IsTransientState(postgres.SqlState);
                // IsTransient: a socket, I/O or timeout failure underneath (refused, reset, a pool that stayed exhausted).
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient);
            }
        }
        return false;
    }

    /// <summary>
    /// SQL states of an outage rather than of a statement: connection exceptions (class 08), the server shutting down
    /// or starting (57P01-57P03), too many connections and other lack of resources (class 53).
    /// </summary>
    public static bool IsTransientState(string? sqlState) => sqlState is { Length: 5 } state
        && (state.StartsWith("08", StringComparison.Ordinal)
            || state.StartsWith("53", StringComparison.Ordinal)
            || state is "57P01" or "57P02" or "57P03");

    /// <summary>
    /// A short reason for a log line or a metric, without the driver's text (which may quote SQL): the SQL state, or
    /// what failed underneath (e.g. <c>SocketException ConnectionRefused</c>, <c>TimeoutException</c>).
    /// </summary>
    public static string ReasonOf(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return $"SQL state {postgres.SqlState}";
                case System.Net.Sockets.SocketException socket:
                    return $"SocketException {socket.SocketErrorCode}";
                case IOException or TimeoutException:
                    return e.GetType().Name;
            }
        }
        return exception.GetType().Name;
    }
}
