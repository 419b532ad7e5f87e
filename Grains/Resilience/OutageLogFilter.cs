using LeadRecs.Grains.Interfaces;
using LeadRecs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadRecs.Grains.Resilience;

/// <summary>
/// Keeps a dependency outage from writing a stack trace per failed call: a log entry whose exception is the outage
/// (<see cref="DependencyUnavailableException"/>, or PostgreSQL unreachable) is dropped, whoever writes it. Orleans logs a
/// failed grain activation three times and a failed storage operation twice, each with the stack, and under load that
/// is thousands of lines a second. <see cref="DependencyHealth"/> logs the outage instead, one line per operation and
/// reason per interval, with a count. Every other entry passes untouched.
/// </summary>
public static class OutageLogFilter
{
    /// <summary>Wraps the logger providers registered so far (the host's console and debug providers).</summary>
    public static void AddOutageLogFilter(this IServiceCollection services)
    {
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();
        foreach (var provider in providers)
        {
            services.Remove(provider);
            services.AddSingleton<ILoggerProvider>(sp => new Provider((ILoggerProvider)Create(sp, provider)));
        }
    }

    public static bool IsOutage(Exception exception)
    {
        var inner = exception;
        for (var depth = 0; inner is not null && depth < 8; depth++, inner = inner.InnerException)
        {
            if (inner is DependencyUnavailableException)
            {
                return true;
            }
        }
        return PostgresFailures.IsTransient(exception);
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsOutage(exception))
            {
                return;
            }
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
