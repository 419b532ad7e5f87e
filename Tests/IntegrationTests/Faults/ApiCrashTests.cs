using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// An API process is killed (SIGKILL) in the middle of a 1,000-event batch, at the worst moment: once the batch is in
/// the interaction log but before the API answered (while it applies the batch to the grains). The client never sees
/// an answer, so it sends the same batch, same event ids, to the other API: that must be acknowledged, the events
/// stored once and counted once by every user grain, whatever part of the batch the dead API had applied. The
/// killed API is restarted, as a supervisor would.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ApiCrashTests(ITestOutputHelper output)
{
    private const int BatchSize = 1000;

    /// <summary>The kill races the API's answer; a try whose answer came first is repeated with a new batch.</summary>
    private const int Tries = 3;

    [Fact]
    public Task An_API_killed_mid_batch_and_the_batch_retried_on_the_other_API_costs_under_10_s_and_counts_each_event_once() =>
        FaultScenario.RunAsync("api-crash", output, TimeSpan.FromSeconds(35), async (cluster, load, timeline) =>
        {
            await load.UntilAsync(TimeSpan.FromSeconds(8));
            var killedMidBatch = false;
            for (var attempt = 0; attempt < Tries && !killedMidBatch; attempt++)
            {
                var batch = load.NewBatch(new Random(99 + attempt), $"mid{attempt}", BatchSize);
                var first = load.PostAsync(0, batch);
                var logged = await WaitUntilLoggedAsync(cluster.Postgres.UnpooledConnectionString, batch[^1].EventId, first);
                cluster.Apis[0].Kill();
                var answer = await first;
                killedMidBatch = logged && answer is null;
                timeline.Note($"API 1 killed (SIGKILL) {(logged ? "with" : "without")} its {BatchSize}-event batch in the log; " +
                    $"its answer: {(answer is { } status ? ((int)status).ToString() : "none (connection lost)")}");

                // The client's retry: the same batch to the other API, again (after a short pause) until acknowledged.
                var retries = new List<string>();
                HttpStatusCode? retried = null;
                for (var resend = 0; resend < 20 && retried != HttpStatusCode.Accepted; resend++)
                {
                    retried = await load.PostAsync(1, batch);
                    retries.Add(retried is { } s ? ((int)s).ToString() : "none");
                    if (retried != HttpStatusCode.Accepted)
                    {
                        await Task.Delay(250);
                    }
                }
                timeline.Note($"the batch sent again to API 2: {string.Join(", ", retries)}");
                timeline.Require(retried == HttpStatusCode.Accepted, "the batch sent again was not acknowledged by the other API");
                timeline.Require(retries.Count == 1, $"the batch sent again took {retries.Count} attempts on a healthy API");

                await cluster.RestartApiAsync(0);
                timeline.Note("API 1 restarted and healthy");
            }
            timeline.Require(killedMidBatch, $"in {Tries} tries the kill never fell between the log and the answer");
        });

    /// <summary>
    /// Polls the log for the batch's last event (the batch is one transaction: all of it is there or none) until it
    /// is there or the API answered.
    /// </summary>
    private static async Task<bool> WaitUntilLoggedAsync(string postgres, string eventId, Task answered)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM interactions WHERE event_id = @id)", connection);
        command.Parameters.AddWithValue("id", eventId);
        await command.PrepareAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!answered.IsCompleted && DateTime.UtcNow < deadline)
        {
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                return true;
            }
        }
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
