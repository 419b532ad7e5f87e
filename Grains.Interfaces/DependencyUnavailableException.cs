using Orleans.Runtime;

namespace LeadRecs.Grains.Interfaces;

/// <summary>
/// A dependency of the cluster (PostgreSQL, Redis) could not serve the call: an outage, not a fault of the request.
/// Retrying later is the answer (the API says 503 with <c>Retry-After</c>). Grains and grain storage throw this instead
/// of the driver's exception, which Orleans cannot carry to a client: the driver's types have no codec, and its text
/// may hold SQL, so only the dependency's name and a short reason travel.
/// </summary>
// An OrleansException: grain storage passes those on as they are instead of wrapping them in one of its own.
[GenerateSerializer]
[Alias("LeadRecs.DependencyUnavailableException")]
public sealed class DependencyUnavailableException : OrleansException
{
    public const string Postgres = "postgresql";
    public const string Redis = "redis";

    /// <summary>The Orleans cluster itself: a grain call that timed out, or whose silo died, after the API's retries.</summary>
    public const string Cluster = "cluster";

    public DependencyUnavailableException(string dependency, string reason)
        : base($"{dependency} is unavailable: {reason}")
    {
        Dependency = dependency;
        Reason = reason;
    }

    /// <summary>Which dependency failed: <see cref="Postgres"/>, <see cref="Redis"/> or <see cref="Cluster"/>.</summary>
    [Id(0)]
    public string Dependency { get; private set; }

    /// <summary>What failed, without driver text: the exception type and SQL state, e.g. "NpgsqlException" or "57P01".</summary>
    [Id(1)]
    public string Reason { get; private set; }
}
