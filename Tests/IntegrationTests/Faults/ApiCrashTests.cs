using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// An API process is killed (SIGKILL) in the middle of a 1,000-event batch, at the worst moment: once the batch is in
/// the interaction log but before the API answered (while it applies the batch to the grains). The client never sees
/// an answer, so it sends the same batch, same event ids, to the other API: that must be acknowledged, the events
/// stored once and counted once by every user grain, whatever part of the batch the dead API had applied. The
/// killed API is then restarted, as a supervisor would.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ApiCrashTests(ITestOutputHelper output)
{
    private const int BatchSize = 1000;

    [Fact]
    public Task An_API_killed_mid_batch_and_the_batch_retried_on_the_other_API_costs_under_10_s_and_counts_each_event_once() =>
        FaultScenario.RunAsync("api-crash", output, TimeSpan.FromSeconds(30), async (cluster, load, timeline) =>
        {
            await load.UntilAsync(TimeSpan.FromSeconds(8));
            var batch = load.NewBatch(new Random(99), "mid", BatchSize);
            var ids = batch.Select(e => e.EventId).ToArray();
            var first = load.PostAsync(0, batch);
            var storedAtKill = await WaitUntilLoggedAsync(cluster.Postgres.ConnectionString, ids, first);
            cluster.Apis[0].Kill();
            var answer = await first;
            timeline.Note($"API 1 killed (SIGKILL) with {storedAtKill} of {BatchSize} events of its batch in the log; " +
                $"its answer: {(answer is { } status ? ((int)status).ToString() : "none (connection lost)")}");

            // The client's retry: the same batch to the other API, again (after a short pause) until acknowledged.
            var retries = new List<string>();
            HttpStatusCode? retried = null;
            for (var attempt = 0; attempt < 20 && retried != HttpStatusCode.Accepted; attempt++)
            {
                retried = await load.PostAsync(1, batch);
                retries.Add(retried is { } s ? ((int)s).ToString() : "none");
                if (retried != HttpStatusCode.Accepted)
                {
                    await Task.Delay(250);
                }
            }
            timeline.Note($"the batch retried on API 2: {string.Join(", ", retries)}");
            timeline.Require(retried == HttpStatusCode.Accepted, "the retried batch was not acknowledged by the other API");
            timeline.Require(retries.Count == 1, $"the retried batch took {retries.Count} attempts on a healthy API");

            await cluster.RestartApiAsync(0);
            timeline.Note("API 1 restarted and healthy");
        });

    /// <summary>Polls the log until a row of the batch is there (the batch is one transaction: all or nothing), or the API answered.</summary>
    private static async Task<long> WaitUntilLoggedAsync(string postgres, string[] ids, Task answered)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM interactions WHERE event_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var stored = (long)(await command.ExecuteScalarAsync())!;
            if (stored > 0 || answered.IsCompleted || DateTime.UtcNow > deadline)
            {
                return stored;
            }
        }
    }
}
