using LeadRecs.Storage;
using Npgsql;

namespace LeadRecs.IntegrationTests.Storage;

public sealed class PostgresConnectionsUnitTests
{
    [Fact]
    public void Bounds_the_pool_unless_the_connection_string_sets_it()
    {
        var bounded = new NpgsqlConnectionStringBuilder(PostgresConnections.WithBoundedPool("Host=h;Database=d"));
        Assert.Equal(PostgresConnections.DefaultMaxPoolSize, bounded.MaxPoolSize);
        var explicitSize = new NpgsqlConnectionStringBuilder(PostgresConnections.WithBoundedPool("Host=h;Database=d;Maximum Pool Size=7"));
        Assert.Equal(7, explicitSize.MaxPoolSize);
    }
}
