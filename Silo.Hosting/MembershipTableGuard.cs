using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace LeadRecs.Silo.Hosting;

/// <summary>
/// Puts the Orleans membership table back when its Redis store lost it (a restart without persistence, FLUSHALL,
/// failover to an empty replica), so the cluster survives its store without a person restarting silos.
/// </summary>
/// <remarks>
/// Orleans' Redis provider (10.4.2) does not recover on its own: reads throw "The Redis membership table version is
/// missing" while the hash is gone, the version row is only created when a silo or client starts, a heartbeat of a
/// missing row fails, and a silo that reads a newer table version without its own row declares itself dead. So every
/// silo keeps, once a second, a copy of the table as it last read it. When the version row is missing, every active
/// silo adds the rows of its copy (HSETNX: rows written since the loss win) and the newest version it had seen, and
/// only once the table has been open to contributions for <see cref="RestoreGrace"/> does one of them seal it with a
/// version one past the newest copy's, so every silo's membership manager accepts it as the newest view. A copy can be
/// up to a second old (a silo that joined just before the loss is missing from the others' copies); the grace lets that
/// silo add its own row before the table is sealed, instead of the first copy written back deciding who is a member.
/// When the version is lower than the one last read (a starting silo created a new table), the copy is written back
/// at once the same way. Nothing is resurrected: each row keeps the status the cluster
/// had agreed on (a dead silo stays dead; a silo that died while the store was down is restored as it was and
/// declared dead by the probes, as any crashed silo is). A copy is only written by a silo that is active in its own
/// view and whose loop was not paused (a silo thawed after SIGSTOP holds an old view and must not publish it).
/// </remarks>
public sealed partial class MembershipTableGuard(
    IOptions<RedisClusteringOptions> redisOptions,
    IOptions<ClusterOptions> clusterOptions,
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipTableGuard> logger) : BackgroundService
{
    /// <summary>How often the table is read and checked.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one read or write of the table may take.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A gap between two checks longer than this means this process was paused: its copy is dropped.</summary>
    public static readonly TimeSpan PauseLimit = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A silo missing from a table that is there this long stops (exit code <see cref="NotAMemberExitCode"/>) so its
    /// supervisor starts a fresh one. Orleans ends such a silo itself as soon as the table's version moves on; this
    /// covers a table that stays still.
    /// </summary>
    public static readonly TimeSpan EntryMissingLimit = TimeSpan.FromSeconds(15);

    public const int NotAMemberExitCode = 3;

    /// <summary>Failed checks in a row after which the guard's Redis connection is made anew.</summary>
    public const int ReconnectAfterFailures = 3;

    /// <summary>Whether the guard holds a copy of the table (it has read the table since it started or was thawed).</summary>
    public bool HasCopy => Volatile.Read(ref _copy) is not null;

    private const string VersionField = "Version";

    /// <summary>How long a lost table stays open for every silo to add its copy before it is sealed with a version.</summary>
    public static readonly TimeSpan RestoreGrace = TimeSpan.FromSeconds(2);

    // KEYS[1]: the membership hash, KEYS[2]: the newest version a contributor had seen, KEYS[3]: when the first
    // contribution came (Redis' clock, ms). ARGV[1]: the copy's version. ARGV[2]: the contributing silo's own field.
    // ARGV[3..]: field, value pairs of its rows. A silo's own row is its own to write (another silo's copy may hold it
    // as it was a second ago, still Joining); the others' rows are added only where missing.
    // Returns -1 when the table has a version again (nothing to do), else the rows this copy added.
    private const string ContributeScript = """
        if redis.call('HEXISTS', KEYS[1], 'Version') == 1 then
            return -1
        end
        local seen = tonumber(ARGV[1])
        local newest = tonumber(redis.call('GET', KEYS[2]) or '-1')
        if seen > newest then
            redis.call('SET', KEYS[2], tostring(seen))
        end
        local now = redis.call('TIME')
        redis.call('SET', KEYS[3], tostring(now[1] * 1000 + math.floor(now[2] / 1000)), 'NX')
        local added = 0
        for i = 3, #ARGV, 2 do
            if ARGV[i] == ARGV[2] then
                added = added + redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            else
                added = added + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
            end
        end
        return added
        """;

    // KEYS as above. ARGV[1]: the grace in ms. Returns the version written, -1 when there is one already, -2 while the
    // table is still open for contributions.
    private const string SealScript = """
        if redis.call('HEXISTS', KEYS[1], 'Version') == 1 then
            return -1
        end
        local since = tonumber(redis.call('GET', KEYS[3]) or '-1')
        local now = redis.call('TIME')
        if since < 0 or now[1] * 1000 + math.floor(now[2] / 1000) - since < tonumber(ARGV[1]) then
            return -2
        end
        local version = tonumber(redis.call('GET', KEYS[2])) + 1
        redis.call('HSET', KEYS[1], 'Version', tostring(version))
        redis.call('DEL', KEYS[2], KEYS[3])
        return version
        """;

    // KEYS[1]: the membership hash. ARGV[1]: the version of the copy. ARGV[2..]: field, value pairs of its rows.
    // For a table recreated at a lower version: returns -1 when the table is at that version or newer, else the rows
    // written back.
    private const string RestoreScript = """
        local current = redis.call('HGET', KEYS[1], 'Version')
        local seen = tonumber(ARGV[1])
        if current and tonumber(current) >= seen then
            return -1
        end
        local restored = 0
        for i = 2, #ARGV, 2 do
            restored = restored + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        redis.call('HSET', KEYS[1], 'Version', tostring(seen + 1))
        return restored
        """;

    private readonly RedisKey _key = redisOptions.Value.CreateRedisKey(clusterOptions.Value);
    private readonly RedisKey _restoreVersionKey = redisOptions.Value.CreateRedisKey(clusterOptions.Value).Append(":restore-version");
    private readonly RedisKey _restoreSinceKey = redisOptions.Value.CreateRedisKey(clusterOptions.Value).Append(":restore-since");
    private volatile MembershipTableState _state = MembershipTableState.Starting;
    private HashEntry[]? _copy;
    private long _copyVersion;
    private int _restores;

    /// <summary>What the last check found.</summary>
    public MembershipTableState State => _state;

    /// <summary>How many times this silo wrote the table back.</summary>
    public int Restores => _restores;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = redisOptions.Value.ConfigurationOptions?.Clone()
            ?? throw new InvalidOperationException("Redis clustering has no ConfigurationOptions.");
        // While Redis is down a check fails at once (no backlog) or within the timeout, and a restarted Redis is found
        // again within half a second: a check never takes long enough to look like a pause of this process.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.AsyncTimeout = (int)CheckTimeout.TotalMilliseconds;
        configuration.ConnectTimeout = (int)CheckTimeout.TotalMilliseconds;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var database = redis.GetDatabase();
        var failuresInARow = 0;
        try
        {
            var lastCheck = Stopwatch.GetTimestamp();
            long? missingSince = null;
            using var timer = new PeriodicTimer(CheckInterval);
            // The first check at once: until it has read the table the silo holds no copy and is not ready.
            var first = true;
            while (first || await timer.WaitForNextTickAsync(stoppingToken))
            {
                first = false;
                // Time since the last check ended, not since it began: a slow answer from Redis is not a pause.
                if (Stopwatch.GetElapsedTime(lastCheck) > PauseLimit && _copy is not null)
                {
                    LogPaused(logger, Stopwatch.GetElapsedTime(lastCheck));
                    _copy = null;
                }
                try
                {
                    _state = await CheckAsync(database);
                    failuresInARow = 0;
                    missingSince = _state == MembershipTableState.EntryMissing ? missingSince ?? Stopwatch.GetTimestamp() : null;
                    if (missingSince is { } since && Stopwatch.GetElapsedTime(since) > EntryMissingLimit)
                    {
                        LogNotAMember(logger, EntryMissingLimit);
                        Environment.ExitCode = NotAMemberExitCode;
                        lifetime.StopApplication();
                        return;
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // A first connection that failed (a slow start on a busy machine) was seen to stay down until the server
                    // restarted: after a few failures in a row this connection is replaced, which costs nothing while Redis
                    // is really down.
                    if (++failuresInARow >= ReconnectAfterFailures)
                    {
                        failuresInARow = 0;
                        await redis.DisposeAsync();
                        // Never throws with AbortOnConnectFail off: a failed attempt goes on in the background.
                        redis = await ConnectionMultiplexer.ConnectAsync(configuration);
                        database = redis.GetDatabase();
                    }
                    // The store is down: nothing changes in membership while nobody can write it, so the view stays valid.
                    _state = MembershipTableState.StoreUnreachable;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug here must not stop the silo (a BackgroundService that throws stops the host): log and go on.
                    LogCheckFailed(logger, ex);
                }
                lastCheck = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    private async Task<MembershipTableState> CheckAsync(IDatabase database)
    {
        var table = await database.HashGetAllAsync(_key);
        var version = table.FirstOrDefault(e => e.Name == VersionField).Value;
        var self = localSilo.SiloAddress.ToString();
        var active = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress) == SiloStatus.Active;
        if (!version.HasValue || (long)version < _copyVersion)
        {
            if (!active || _copy is null)
            {
                return MembershipTableState.TableLost;
            }
            var arguments = new List<RedisValue> { _copyVersion };
            foreach (var row in _copy)
            {
                arguments.Add(row.Name);
                arguments.Add(row.Value);
            }
            if (version.HasValue)
            {
                var restored = (long)await database.ScriptEvaluateAsync(RestoreScript, [_key], [.. arguments]);
                if (restored >= 0)
                {
                    Interlocked.Increment(ref _restores);
                    LogRestored(logger, _key.ToString(), restored, _copyVersion + 1);
                }
                return MembershipTableState.Restored;
            }
            RedisKey[] keys = [_key, _restoreVersionKey, _restoreSinceKey];
            arguments.Insert(1, self);
            var added = (long)await database.ScriptEvaluateAsync(ContributeScript, keys, [.. arguments]);
            if (added > 0)
            {
                LogContributed(logger, _key.ToString(), added);
            }
            var sealedAt = (long)await database.ScriptEvaluateAsync(SealScript, keys, [(long)RestoreGrace.TotalMilliseconds]);
            if (sealedAt >= 0)
            {
                Interlocked.Increment(ref _restores);
                LogRestored(logger, _key.ToString(), await database.HashLengthAsync(_key) - 1, sealedAt);
                return MembershipTableState.Restored;
            }
            return sealedAt == -2 ? MembershipTableState.Restoring : MembershipTableState.Restored;
        }
        if (!table.Any(e => e.Name == self))
        {
            // The table is there and not older than ours, but without this silo: it was written back by a silo that
            // had not seen this one yet, or this silo was removed. Either way it is not a member; Orleans ends it.
            return MembershipTableState.EntryMissing;
        }
        _copy = table.Where(e => e.Name != VersionField).ToArray();
        _copyVersion = (long)version;
        return MembershipTableState.Registered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table {Key} was lost; this silo added {Rows} rows of its copy")]
    private static partial void LogContributed(ILogger logger, string key, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership table {Key} was lost; written back with {Rows} rows as version {Version}")]
    private static partial void LogRestored(ILogger logger, string key, long rows, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "This silo has had no entry in the membership table for {Limit}; stopping so that a fresh one joins")]
    private static partial void LogNotAMember(ILogger logger, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the membership table failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This process was paused for {Pause}; its copy of the membership table is dropped")]
    private static partial void LogPaused(ILogger logger, TimeSpan pause);
}
