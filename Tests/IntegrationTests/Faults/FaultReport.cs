using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// What a fault cost, measured the same way for every scenario: the longest stretch without a successful read and
/// without a successful write, the statuses seen, whether every acknowledged event is in PostgreSQL's log, and
/// whether every user grain and every lead grain counts each of its stored events exactly once. <see cref="Violations"/> lists the targets
/// missed.
/// </summary>
public sealed class FaultReport
{
    /// <summary>The longest a client may go without a successful read, or without a successful write, in any scenario.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromSeconds(10);

    private readonly List<string> _violations = [];
    private readonly List<string> _details = [];

    private FaultReport(string scenario)
    {
        Scenario = scenario;
    }

    public string Scenario { get; }

    public TimeSpan ReadWindow { get; private set; }

    public TimeSpan WriteWindow { get; private set; }

    public IReadOnlyList<string> Violations => _violations;

    private string Summary { get; set; } = "";

    public static async Task<FaultReport> MeasureAsync(string scenario, ChaosCluster cluster, ChaosLoad load, IReadOnlyList<string> scenarioViolations)
    {
        var report = new FaultReport(scenario);
        var outcomes = load.Outcomes.OrderBy(o => o.At).ToList();
        report.ReadWindow = LongestWithoutSuccess(outcomes.Where(o => !o.IsWrite), load.Duration);
        report.WriteWindow = LongestWithoutSuccess(outcomes.Where(o => o.IsWrite), load.Duration);
        var histogram = string.Join(", ", outcomes.GroupBy(o => $"{o.Kind} {o.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        report._details.Add($"requests {outcomes.Count} in {load.Duration.TotalSeconds:0} s; statuses: {histogram}");
        foreach (var second in outcomes.Where(o => !o.Ok).GroupBy(o => (int)o.At.TotalSeconds).OrderBy(g => g.Key))
        {
            report._details.Add($"  {second.Key,3} s: " + string.Join(", ", second.GroupBy(o => $"{o.Kind} {o.Status}").Select(g => $"{g.Key} x{g.Count()}")) +
                $" (slowest {second.Max(o => o.Took).TotalSeconds:0.0} s)");
        }
        var errors = outcomes.Where(o => o.Status.StartsWith('5') && o.Status != "503+Retry-After").ToList();

        var acknowledged = load.Acknowledged.ToArray();
        var stored = await StoredAsync(cluster.Postgres.UnpooledConnectionString, cluster.Prefix);
        var missing = acknowledged.Where(e => !stored.EventIds.Contains(e.EventId)).ToList();

        var users = await CountCheck.RunAsync(
            load.Sent.Select(e => e.UserId).Distinct().Order().ToList(), user => InteractionCountAsync(cluster, user), stored.PerUser);
        // Lead aggregates are written lazily, but the log is their record too: each lead's funnel counts (views,
        // clicks, inquiries) must hold each of its stored events once, after any crash.
        var leads = await CountCheck.RunAsync(
            Enumerable.Range(0, ChaosCluster.Leads).Select(i => $"{cluster.Prefix}-l{i}").ToList(), lead => FunnelCountAsync(cluster, lead), stored.PerLead);
        report._details.AddRange(users.Examples.Concat(leads.Examples).Select(e => "  " + e));

        report.Summary = $"FAULTS {scenario}: read window {report.ReadWindow.TotalSeconds:0.0} s, write window {report.WriteWindow.TotalSeconds:0.0} s; " +
            $"{histogram}; acked {acknowledged.Length}, stored {acknowledged.Length - missing.Count} of them, lost {missing.Count}; " +
            $"open batches at the end {load.Drain.Open}, acked after the load {load.Drain.Drained}; users {users}; leads {leads}";

        report.Require(report.ReadWindow < MaxWindow, $"no successful read for {report.ReadWindow.TotalSeconds:0.0} s (target < {MaxWindow.TotalSeconds:0} s)");
        report.Require(report.WriteWindow < MaxWindow, $"no successful write for {report.WriteWindow.TotalSeconds:0.0} s (target < {MaxWindow.TotalSeconds:0} s)");
        report.Require(errors.Count == 0, $"{errors.Count} server errors other than 503 with Retry-After ({string.Join(", ", errors.GroupBy(e => $"{e.Kind} {e.Status}").Select(g => $"{g.Key}: {g.Count()}"))})");
        report.Require(missing.Count == 0, $"{missing.Count} acknowledged events are not in the log (e.g. {string.Join(", ", missing.Take(3).Select(e => e.EventId))})");
        report.Require(load.Drain.Drained == load.Drain.Open, $"{load.Drain.Open - load.Drain.Drained} of {load.Drain.Open} open batches could not be acknowledged after the load");
        report.Require(users.Over == 0, $"{users.Over} users count {users.OverEvents} events more than the log holds (applied twice)");
        report.Require(users.Under == 0, $"{users.Under} users count {users.UnderEvents} stored events fewer than the log holds (not applied)");
        report.Require(leads.Over == 0, $"{leads.Over} leads count {leads.OverEvents} events more than the log holds (applied twice)");
        report.Require(leads.Under == 0, $"{leads.Under} leads count {leads.UnderEvents} stored events fewer than the log holds (lost from their aggregates)");
        report.Require(outcomes.Any(o => o.Ok && o.At > load.Duration - TimeSpan.FromSeconds(3)), "the load was served to its end");
        report._violations.AddRange(scenarioViolations);
        return report;
    }

    public void Print(ITestOutputHelper output)
    {
        foreach (var line in _details)
        {
            output.WriteLine(line);
        }
        output.WriteLine(Violations.Count == 0 ? "targets met" : "targets missed: " + string.Join("; ", Violations));
        output.WriteLine(Summary + (Violations.Count == 0 ? " => PASS" : " => FAIL"));
    }

    public void AssertTargets() => Assert.True(Violations.Count == 0, $"{Scenario}: " + string.Join("; ", Violations));

    private void Require(bool condition, string violation)
    {
        if (!condition)
        {
            _violations.Add(violation);
        }
    }

    /// <summary>The longest stretch of the load's run between one success and the next (and from its start, and to its end).</summary>
    private static TimeSpan LongestWithoutSuccess(IEnumerable<RequestOutcome> outcomes, TimeSpan duration)
    {
        var ends = outcomes.Where(o => o.Ok).Select(o => o.End).Where(e => e <= duration).Order().Prepend(TimeSpan.Zero).Append(duration).ToList();
        return ends.Zip(ends.Skip(1), (a, b) => b - a).Max();
    }

    /// <summary>The user's grain's count of applied events, from whichever API answers (retrying while the cluster settles).</summary>
    private static async Task<long> InteractionCountAsync(ChaosCluster cluster, string user)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var api = cluster.Apis[attempt % cluster.Apis.Length].BaseAddress;
                var summary = await cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(api, $"/api/users/{user}"));
                return summary.GetProperty("interactionCount").GetInt64();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>A lead's views, clicks and inquiries as its grain counts them.</summary>
    private static async Task<long> FunnelCountAsync(ChaosCluster cluster, string lead)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var api = cluster.Apis[attempt % cluster.Apis.Length].BaseAddress;
                var snapshot = await cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(api, $"/api/leads/{lead}"));
                return snapshot.GetProperty("views").GetInt64() + snapshot.GetProperty("clicks").GetInt64() + snapshot.GetProperty("inquiries").GetInt64();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The run's event ids in the interaction log, and how many rows each user and each lead has there.</summary>
    private static async Task<(HashSet<string> EventIds, Dictionary<string, long> PerUser, Dictionary<string, long> PerLead)> StoredAsync(
        string postgres, string prefix)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var perUser = new Dictionary<string, long>(StringComparer.Ordinal);
        var perLead = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, user_id, lead_id FROM interactions WHERE user_id LIKE @p", connection);
        command.Parameters.AddWithValue("p", prefix + "-%");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // event_id is unique in the log, so a row is a distinct event.
            ids.Add(reader.GetString(0));
            var user = reader.GetString(1);
            perUser[user] = perUser.GetValueOrDefault(user) + 1;
            var lead = reader.GetString(2);
            perLead[lead] = perLead.GetValueOrDefault(lead) + 1;
        }
        return (ids, perUser, perLead);
    }
}
