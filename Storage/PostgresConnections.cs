using Npgsql;

namespace LeadRecs.Storage;

public static class PostgresConnections
{
    /// <summary>
    /// Pool size per process unless the connection string sets its own. Npgsql's default (100) lets two silos
    /// and two APIs ask for more connections than a stock PostgreSQL allows (max_connections 100-200) during a
    /// burst of grain activations; a bounded pool queues briefly instead of failing with "too many clients".
    /// </summary>
    public const int DefaultMaxPoolSize = 32;

    public static string WithBoundedPool(string connectionString, int maxPoolSize = DefaultMaxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = maxPoolSize;
        }
        return builder.ConnectionString;
    }
}
