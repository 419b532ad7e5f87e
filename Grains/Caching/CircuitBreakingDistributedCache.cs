using System.Buffers;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Resilience;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// The distributed cache (Redis) behind a <see cref="CircuitBreaker"/>: a failed call is a miss (a read) or nothing (a
/// write), never an exception, and while Redis is down calls skip it entirely, so a recommendation is computed in the
/// grain instead of waiting for Redis. One call every <see cref="CircuitBreaker.OpenFor"/> probes whether it is back.
/// </summary>
public sealed partial class CircuitBreakingDistributedCache(
    IDistributedCache inner, CircuitBreaker breaker, DependencyHealth health, ILogger<CircuitBreakingDistributedCache> logger)
    : IBufferDistributedCache
{
    private const string Operation = "ranking cache";

    public byte[]? Get(string key) => Run(() => inner.Get(key), null);

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await RunAsync(async () => await inner.GetAsync(key, token), null, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Run(() =>
    {
        inner.Set(key, value, options);
        return true;
    }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync(async () =>
        {
            await inner.SetAsync(key, value, options, token);
            return true;
        }, false, token);

    public void Refresh(string key) => Run(() =>
    {
        inner.Refresh(key);
        return true;
    }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync(async () =>
        {
            await inner.RefreshAsync(key, token);
            return true;
        }, false, token);

    public void Remove(string key) => Run(() =>
    {
        inner.Remove(key);
        return true;
    }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync(async () =>
        {
            await inner.RemoveAsync(key, token);
            return true;
        }, false, token);

    // HybridCache reads and writes through these when the cache below offers them (RedisCache does): no byte[] copies.
    public bool TryGet(string key, IBufferWriter<byte> destination) => Run(() =>
    {
        if (inner is IBufferDistributedCache buffers)
        {
            return buffers.TryGet(key, destination);
        }
        return Copy(inner.Get(key), destination);
    }, false);

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        await RunAsync(async () => inner is IBufferDistributedCache buffers
            ? await buffers.TryGetAsync(key, destination, token)
            : Copy(await inner.GetAsync(key, token), destination), false, token);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => Run(() =>
    {
        if (inner is IBufferDistributedCache buffers)
        {
            buffers.Set(key, value, options);
        }
        else
        {
            inner.Set(key, value.ToArray(), options);
        }
        return true;
    }, false);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await RunAsync(async () =>
        {
            if (inner is IBufferDistributedCache buffers)
            {
                await buffers.SetAsync(key, value, options, token);
            }
            else
            {
                await inner.SetAsync(key, value.ToArray(), options, token);
            }
            return true;
        }, false, token);

    private static bool Copy(byte[]? value, IBufferWriter<byte> destination)
    {
        if (value is null)
        {
            return false;
        }
        destination.Write(value);
        return true;
    }

    private T Run<T>(Func<T> call, T skipped)
    {
        if (!breaker.TryEnter())
        {
            return skipped;
        }
        try
        {
            var result = call();
            Succeeded();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
            return skipped;
        }
        catch (OperationCanceledException)
        {
            breaker.Abandon();
            throw;
        }
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> call, T skipped, CancellationToken token)
    {
        if (!breaker.TryEnter())
        {
            return skipped;
        }
        try
        {
            var result = await call();
            Succeeded();
            return result;
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            Failed(ex);
            return skipped;
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: that says nothing about Redis, but a probe's slot is handed back.
            breaker.Abandon();
            throw;
        }
    }

    private void Succeeded()
    {
        if (breaker.OnSuccess())
        {
            LogClosed(logger);
        }
        health.ReportSuccess(DependencyUnavailableException.Redis);
    }

    private void Failed(Exception exception)
    {
        health.ReportFailure(DependencyUnavailableException.Redis, Operation, exception.GetType().Name);
        if (breaker.OnFailure())
        {
            LogOpened(logger, breaker.FailureThreshold, breaker.OpenFor.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis ranking cache: {Failures} failures in a row; rankings are computed without Redis, which is probed every {Seconds} s")]
    private static partial void LogOpened(ILogger logger, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis ranking cache answers again")]
    private static partial void LogClosed(ILogger logger);
}
