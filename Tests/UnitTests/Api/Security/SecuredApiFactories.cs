using Microsoft.Extensions.Logging;
using LeadRecs.Ranking.Domain;
using LeadRecs.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Api.Security;

/// <summary>An embedded service with an admin key and two client keys; public endpoints open; default rate limits.</summary>
public class SecuredApiFactory() : EmbeddedApiFactory(seedDemo: false)
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";
    public const string PartnerKey = "test-partner-key-0123456789abc";
    public const string OtherPartnerKey = "test-other-partner-key-987654321";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LeadRecs:Admin:ApiKey", AdminKey);
        builder.UseSetting("LeadRecs:Api:ClientKeys:partner", PartnerKey);
        builder.UseSetting("LeadRecs:Api:ClientKeys:other", OtherPartnerKey);
        builder.UseSetting("LeadRecs:Api:ClientKeys:weak", "short");
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredApiCollection : ICollectionFixture<SecuredApiFactory>
{
    public const string Name = "secured api";
}

/// <summary>Public endpoints closed to callers without a client key.</summary>
public sealed class ClientKeyRequiredFactory : SecuredApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LeadRecs:Api:RequireClientKey", "true");
    }
}

/// <summary>Three requests, then one a minute, per client: low enough for a test to see 429.</summary>
public sealed class RateLimitedApiFactory : SecuredApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LeadRecs:RateLimit:TokenLimit", "3");
        builder.UseSetting("LeadRecs:RateLimit:TokensPerPeriod", "1");
        builder.UseSetting("LeadRecs:RateLimit:ReplenishmentPeriod", "00:01:00");
    }
}

/// <summary>A service whose interaction log fails the way a database does, with SQL and internals in the message.</summary>
public sealed class FaultyLogFactory() : EmbeddedApiFactory(seedDemo: false)
{
    public const string Secret = "SELECT password FROM interactions_secret";

    /// <summary>Error-level log entries of the app: what an operator gets instead of the client.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Category, string Message, Exception? Exception)> Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInteractionLog, FaultyLog>());
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorCapture(Errors)));
    }

    private sealed class ErrorCapture(System.Collections.Concurrent.ConcurrentQueue<(string, string, Exception?)> errors) : ILoggerProvider, ILogger
    {
        private string _category = "";

        public ILogger CreateLogger(string categoryName) => new ErrorCapture(errors) { _category = categoryName };

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue((_category, formatter(state, exception), exception));
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class FaultyLog : IInteractionLog
    {
        public Task<IReadOnlyList<Interaction>> AppendAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"42P01: relation does not exist while running '{Secret}' on Host=db;Password=hunter2");

        public Task<AppendResult> AppendWithPositionsAsync(IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"42P01: relation does not exist while running '{Secret}' on Host=db;Password=hunter2");

        public IAsyncEnumerable<LoggedInteraction> ReadUserAsync(string userId, long afterPosition, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<LoggedInteraction>();

        public IAsyncEnumerable<LoggedInteraction> ReadLeadAsync(string leadId, long afterPosition, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<LoggedInteraction>();

        public Task<long> LastPositionAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public IAsyncEnumerable<Interaction> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<Interaction> ReadAsync(DateTimeOffset from, DateTimeOffset to, FlaggedInteractions flagged, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<int> FlagAsync(IReadOnlyList<(string EventId, InteractionFlags Flags)> flags, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);
    }
}
