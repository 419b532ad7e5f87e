namespace LeadRecs.IntegrationTests;

/// <summary>
/// Addresses of the real servers the integration tests talk to. <c>./test.sh</c> starts a private Redis and
/// PostgreSQL and exports these variables; a test that needs one and finds it unset fails (it does not skip),
/// so a green run always means the servers were exercised.
/// </summary>
public static class TestEnvironment
{
    /// <summary>An Npgsql connection string to a database the tests may use and create databases beside.</summary>
    public const string PostgresVariable = "LEADRECS_TEST_POSTGRES";

    /// <summary>Redis as <c>host:port</c>.</summary>
    public const string RedisVariable = "LEADRECS_TEST_REDIS";

    public static string PostgresConnectionString => Require(PostgresVariable, "an Npgsql connection string");

    public static string RedisAddress => Require(RedisVariable, "host:port");

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} ({what}) is not set. These tests need the real servers: run ./test.sh, or start them with " +
                "'scripts/services.sh start' and 'eval \"$(scripts/services.sh env)\"' before 'dotnet test'.");
}
