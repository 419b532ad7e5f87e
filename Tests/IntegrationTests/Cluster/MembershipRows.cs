using System.Text.Json;
using StackExchange.Redis;

namespace LeadRecs.IntegrationTests.Cluster;

/// <summary>
/// Reads one cluster's Orleans membership table straight from Redis (the hash "{serviceId}/members/{clusterId}", a
/// "Version" field and one JSON row per silo), so a test sees what is stored, not what a silo believes.
/// </summary>
public sealed class MembershipRows(IDatabase redis, string serviceId, string clusterId)
{
    /// <summary>Orleans' SiloStatus values as stored in a row.</summary>
    public const int Active = 3;

    public const int Dead = 6;

    public RedisKey Key { get; } = $"{serviceId}/members/{clusterId}";

    /// <summary>The table's version (null when the row is missing) and each silo's status by its silo port.</summary>
    public async Task<(long? Version, IReadOnlyDictionary<int, int> StatusByPort)> ReadAsync()
    {
        long? version = null;
        var statuses = new Dictionary<int, (int Generation, int Status)>();
        foreach (var row in await redis.HashGetAllAsync(Key))
        {
            if (row.Name == "Version")
            {
                version = (long)row.Value;
                continue;
            }
            using var json = JsonDocument.Parse(row.Value.ToString());
            // "S127.0.0.1:11111:155697003": address, port, generation. A restarted silo has a new row; the newest counts.
            var parts = row.Name.ToString().Split(':');
            var (port, generation) = (int.Parse(parts[1]), int.Parse(parts[2]));
            if (!statuses.TryGetValue(port, out var other) || other.Generation < generation)
            {
                statuses[port] = (generation, json.RootElement.GetProperty("Status").GetInt32());
            }
        }
        return (version, statuses.ToDictionary(s => s.Key, s => s.Value.Status));
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long that took, or null at the timeout.</summary>
    public async Task<TimeSpan?> WaitAsync(Func<long?, IReadOnlyDictionary<int, int>, bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var (version, statuses) = await ReadAsync();
                if (condition(version, statuses))
                {
                    return clock.Elapsed;
                }
            }
            catch (RedisConnectionException)
            {
                // A test's own Redis that was just restarted: this connection is coming back.
            }
            await Task.Delay(100);
        }
        return null;
    }
}
