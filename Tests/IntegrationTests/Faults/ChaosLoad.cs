using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// A steady load through both APIs of a <see cref="ChaosCluster"/>: six workers, each sending recommendation reads
/// and (three times in ten) a batch of three uniquely identified events. A worker behaves as a careful client: a
/// batch that was not acknowledged with 202 is sent again, with the same event ids, to the other API, until it is,
/// while the worker goes on reading; after the load <see cref="DrainAsync"/> does the same for the batches still open. So every event that may have
/// reached the log is eventually acknowledged, and the grains must count each exactly once.
/// </summary>
public sealed class ChaosLoad(ChaosCluster cluster) : IDisposable
{
    public const int Users = 200;
    public const int Workers = 6;

    /// <summary>The longest a worker waits before retrying a refused batch, whatever Retry-After says: the measurement
    /// must see a recovery within a second of it, not when a long Retry-After ran out.</summary>
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan FailurePause = TimeSpan.FromMilliseconds(100);

    // A client's patience, 5 s: a worker stuck on one request that hangs (on a frozen silo, say) measures nothing
    // else meanwhile, and with six workers a few such requests would hide whether the rest of the service answers.
    // A request that needs longer counts as failed and, if a write, is sent again.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<RequestOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<string, ChaosEvent> _sent = new();
    private readonly ConcurrentDictionary<string, ChaosEvent> _acknowledged = new();
    private readonly ConcurrentQueue<ChaosEvent[]> _open = new();
    private Task? _workers;

    public Stopwatch Clock { get; } = new();

    public TimeSpan Duration { get; private set; }

    /// <summary>The load's clock as text, for the timeline a scenario prints.</summary>
    public string Now => $"{Clock.Elapsed.TotalSeconds:0.0} s";

    public IReadOnlyCollection<RequestOutcome> Outcomes => _outcomes.ToArray();

    public IReadOnlyCollection<ChaosEvent> Sent => _sent.Values.ToArray();

    public IReadOnlyCollection<ChaosEvent> Acknowledged => _acknowledged.Values.ToArray();

    /// <summary>Batches the workers still held at the end of the load, and how many of them the drain acknowledged.</summary>
    public (int Open, int Drained) Drain { get; private set; }

    public void Start(TimeSpan duration)
    {
        Duration = duration;
        Clock.Start();
        _workers = Task.WhenAll(Enumerable.Range(0, Workers).Select(RunWorkerAsync));
    }

    public Task Completion => _workers ?? Task.CompletedTask;

    /// <summary>Waits until the load's clock reads <paramref name="at"/>: faults are placed on the load's timeline.</summary>
    public Task UntilAsync(TimeSpan at) => at > Clock.Elapsed ? Task.Delay(at - Clock.Elapsed) : Task.CompletedTask;

    /// <summary>
    /// Sends a batch to one API and remembers its ids as acknowledged on 202. Not recorded as an outcome of the load:
    /// the scenarios use it for batches of their own.
    /// </summary>
    public async Task<HttpStatusCode?> PostAsync(int api, IReadOnlyList<ChaosEvent> batch)
    {
        try
        {
            using var response = await PostCoreAsync(cluster.Apis[api].BaseAddress, batch);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>After the load: sends every batch still open again, to alternating APIs, until each is acknowledged.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var open = _open.ToArray();
        var drained = 0;
        foreach (var batch in open)
        {
            for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
            {
                if (await PostAsync(attempt % cluster.Apis.Length, batch) == HttpStatusCode.Accepted)
                {
                    drained++;
                    break;
                }
                await Task.Delay(250);
            }
        }
        Drain = (open.Length, drained);
    }

    public ChaosEvent[] NewBatch(Random random, string tag, int size, int? user = null)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var batch = Enumerable.Range(0, size).Select(e => new ChaosEvent(
            $"{cluster.Prefix}-u{user ?? random.Next(Users)}", $"{cluster.Prefix}-l{random.Next(ChaosCluster.Leads)}",
            e % 3 == 2 ? "click" : "view", at, $"{cluster.Prefix}-{tag}-{e}")).ToArray();
        foreach (var e in batch)
        {
            _sent[e.EventId] = e;
        }
        return batch;
    }

    private async Task RunWorkerAsync(int worker)
    {
        var random = new Random(worker);
        ChaosEvent[]? open = null;
        var retryAt = TimeSpan.Zero;
        var lastApi = worker % 2;
        for (var sequence = 0; Clock.Elapsed < Duration; sequence++)
        {
            // Alternate between the APIs, as a load balancer would; a retry goes to the other one than the failure.
            var api = lastApi = (lastApi + 1) % 2;
            var at = Clock.Elapsed;
            // An open batch waits for its retry time while the worker goes on reading: a client keeps reading while
            // it holds a batch to resend, so a write outage does not silence the reads (and their measurement).
            var write = random.NextDouble() < 0.3 && (open is null || at >= retryAt);
            string status;
            try
            {
                var address = cluster.Apis[api].BaseAddress;
                if (write)
                {
                    // Open until acknowledged: a batch whose answer was lost may be in the log, and is sent again.
                    open ??= NewBatch(random, $"w{worker}-{sequence}", 3, random.Next(Users));
                    using var response = await PostCoreAsync(address, open);
                    status = StatusOf(response);
                    open = response.StatusCode == HttpStatusCode.Accepted ? null : open;
                    retryAt = Clock.Elapsed + RetryWait(response);
                }
                else
                {
                    using var response = await _http.GetAsync(new Uri(address, $"/api/users/{cluster.Prefix}-u{random.Next(Users)}/recommendations?k=10"));
                    status = StatusOf(response);
                }
            }
            catch (TaskCanceledException)
            {
                status = "timeout";
            }
            catch (HttpRequestException)
            {
                // Connection refused or reset: the API process is gone, or froze mid-answer.
                status = "transport";
            }
            var ok = status is "200" or "202";
            _outcomes.Enqueue(new RequestOutcome(at, Clock.Elapsed - at, write, status, ok));
            if (!ok)
            {
                // A failure that comes back at once (a refused connection, a 503) must not turn the worker into a spin.
                await Task.Delay(FailurePause);
            }
        }
        if (open is not null)
        {
            _open.Enqueue(open);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> PostCoreAsync(Uri api, IReadOnlyList<ChaosEvent> batch)
    {
        var body = batch.Select(e => new { userId = e.UserId, leadId = e.LeadId, kind = e.Kind, at = e.At, eventId = e.EventId });
        var response = await _http.PostAsJsonAsync(new Uri(api, "/api/events"), body);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            foreach (var e in batch)
            {
                _acknowledged[e.EventId] = e;
            }
        }
        return response;
    }

    private static string StatusOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
            ? "503+Retry-After"
            : ((int)response.StatusCode).ToString();

    private static TimeSpan RetryWait(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Accepted ? TimeSpan.Zero
        : response.Headers.RetryAfter?.Delta is { } delta ? TimeSpan.FromTicks(Math.Min(delta.Ticks, MaxRetryWait.Ticks))
        : FailurePause;
}
