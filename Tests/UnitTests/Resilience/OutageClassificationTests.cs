using System.Net.Sockets;
using LeadRecs.Client.Api.Security;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Resilience;
using LeadRecs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace LeadRecs.UnitTests.Resilience;

/// <summary>Which failures are a PostgreSQL outage (503, retry later), and that the outage reaches a client intact.</summary>
public sealed class OutageClassificationTests
{
    private static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static PostgresException State(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01")] // admin shutdown: the server is stopping
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now: starting up
    [InlineData("08006")] // connection failure
    [InlineData("08001")]
    [InlineData("53300")] // too many connections
    public void Server_states_of_an_outage_are_transient(string sqlState) => Assert.True(PostgresFailures.IsTransient(State(sqlState)));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table: a bug, not an outage
    [InlineData("40P01")] // deadlock: the statement's to retry, the server is up
    [InlineData("22P02")]
    public void Statement_errors_are_not(string sqlState) => Assert.False(PostgresFailures.IsTransient(State(sqlState)));

    [Fact]
    public void A_refused_connection_a_timeout_and_a_cut_session_are_transient()
    {
        Assert.True(PostgresFailures.IsTransient(Refused()));
        Assert.True(PostgresFailures.IsTransient(new NpgsqlException("The operation has timed out", new TimeoutException())));
        Assert.True(PostgresFailures.IsTransient(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.False(PostgresFailures.IsTransient(new NpgsqlException("no inner cause")));
        Assert.False(PostgresFailures.IsTransient(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void An_outage_wrapped_by_Orleans_storage_is_still_one()
    {
        var wrapped = new OrleansException("Error from storage provider AdoNetGrainStorage during ReadStateAsync", Refused());
        Assert.True(PostgresFailures.IsTransient(wrapped));
        var outage = PostgresOutage.Translate(wrapped);
        Assert.NotNull(outage);
        Assert.Equal(DependencyUnavailableException.Postgres, outage.Dependency);
        Assert.Equal("SocketException ConnectionRefused", outage.Reason);
        Assert.Equal("SQL state 57P01", PostgresFailures.ReasonOf(State("57P01")));
        Assert.Null(PostgresOutage.Translate(new OrleansException("other", new InvalidOperationException())));
    }

    [Fact]
    public void The_API_answers_503_for_an_outage_from_a_grain_or_from_its_own_log_and_500_for_anything_else()
    {
        var fromGrain = new DependencyUnavailableException(DependencyUnavailableException.Redis, "x");
        Assert.Same(fromGrain, ApiExceptionHandler.OutageOf(fromGrain));
        Assert.Same(fromGrain, ApiExceptionHandler.OutageOf(new OrleansException("activation failed", fromGrain)));
        Assert.Equal(DependencyUnavailableException.Postgres, ApiExceptionHandler.OutageOf(Refused())?.Dependency);
        Assert.Null(ApiExceptionHandler.OutageOf(State("42P01")));
        Assert.Null(ApiExceptionHandler.OutageOf(new InvalidOperationException()));
    }

    [Fact]
    public void A_grain_call_that_timed_out_or_lost_its_silo_is_a_503_of_the_cluster()
    {
        var timedOut = ApiExceptionHandler.OutageOf(new TimeoutException("Response did not arrive on time in 00:00:08"));
        Assert.Equal(DependencyUnavailableException.Cluster, timedOut?.Dependency);
        Assert.Equal(nameof(TimeoutException), timedOut?.Reason);
        var siloDied = ApiExceptionHandler.OutageOf(new SiloUnavailableException("The target silo became unavailable"));
        Assert.Equal(DependencyUnavailableException.Cluster, siloDied?.Dependency);
    }

    [Fact]
    public void The_outage_crosses_the_wire_with_its_dependency_and_reason_and_nothing_of_the_driver()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var outage = PostgresOutage.Translate(Refused())!;

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(outage));

        var received = Assert.IsType<DependencyUnavailableException>(copy);
        Assert.Equal(DependencyUnavailableException.Postgres, received.Dependency);
        Assert.Equal("SocketException ConnectionRefused", received.Reason);
        Assert.Null(received.InnerException);
    }
}
