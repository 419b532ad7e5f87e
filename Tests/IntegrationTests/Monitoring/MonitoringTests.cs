using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadRecs.IntegrationTests.Processes;

namespace LeadRecs.IntegrationTests.Monitoring;

/// <summary>
/// The metrics as Prometheus sees them: the exposition passes Debian's promtool, a real Prometheus on loopback
/// scrapes the service, and every query of the Grafana dashboard names a metric the service exports.
/// </summary>
public sealed partial class MonitoringTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ServiceProcess _api = null!;
    private string _exposition = "";

    private static string Repo => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    public async Task InitializeAsync()
    {
        _api = ServiceProcess.Create("Client.Api", "LeadRecs.Client.Api.dll", new Dictionary<string, string>
        {
            // A tiny demo market and a first model trained on it, so the deep model serves and watches its inputs.
            ["LeadRecs__Demo__Leads"] = "300",
            ["LeadRecs__Demo__Users"] = "40",
            ["LeadRecs__Demo__Days"] = "10",
            ["LeadRecs__Demo__TrainEpochs"] = "1",
            // Drift is reported every second and any of it retrains at once, so a retraining run is measured too.
            ["LeadRecs__Retraining__DriftReportInterval"] = "00:00:01",
            ["LeadRecs__Retraining__DriftThreshold"] = "0",
            ["LeadRecs__Retraining__MinDriftObservations"] = "1",
            ["LeadRecs__Retraining__DriftCooldown"] = "00:00:00",
            ["LeadRecs__Retraining__MaxEpochs"] = "1",
            ["LeadRecs__Embedded__SiloPort"] = ServiceProcess.FreePort().ToString(),
            ["LeadRecs__Embedded__GatewayPort"] = ServiceProcess.FreePort().ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        _api.Start();
        await _api.WaitHealthyAsync(_http, TimeSpan.FromSeconds(60));
        await WaitForDeepModelAsync();
        await GenerateTrafficAsync();
        _exposition = await WaitForExpositionAsync(
            "leadrecs_feature_drift_psi", "leadrecs_retraining_runs_total", "leadrecs_retraining_last_run_timestamp_seconds",
            // The click after two reads refreshes m-u's ranking ahead, in a turn of its own.
            "leadrecs_recommendation_refreshes_total");
    }

    /// <summary>The demo's first model serves once trained and loaded; until then the baseline answers.</summary>
    private async Task WaitForDeepModelAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var recs = await _http.GetFromJsonAsync<JsonElement>(new Uri(_api.BaseAddress, "/api/users/user-1/recommendations?k=5"));
            var model = recs.GetProperty("model").GetProperty("name").GetString();
            if (model != "baseline")
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the demo's model did not start serving (see " + _api.LogPath + ")");
            await Task.Delay(500);
        }
    }

    /// <summary>The exposition once it has every family named (drift reports and retraining take a few seconds).</summary>
    private async Task<string> WaitForExpositionAsync(params string[] families)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var exposition = await _http.GetStringAsync(new Uri(_api.BaseAddress, "/metrics"));
            var missing = families.Where(f => !exposition.Contains(f + "{", StringComparison.Ordinal)).ToList();
            if (missing.Count == 0)
            {
                return exposition;
            }
            Assert.True(DateTime.UtcNow < deadline, $"/metrics never exported {string.Join(", ", missing)} (see {_api.LogPath})");
            await Task.Delay(500);
        }
    }

    public Task DisposeAsync()
    {
        _api.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    private async Task GenerateTrafficAsync()
    {
        var api = _api.BaseAddress;
        var leads = Enumerable.Range(0, 10).Select(i => new { id = $"m-l{i}", lat = 59.33 + i * 0.001, lon = 18.06, price = 500_000, kind = "condo" });
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync(new Uri(api, "/api/leads"), leads)).StatusCode);
        await _http.PostAsJsonAsync(new Uri(api, "/api/events"), new[] { new { userId = "m-u", leadId = "m-l0", kind = "view" } });
        var recs = await _http.GetFromJsonAsync<JsonElement>(new Uri(api, "/api/users/m-u/recommendations?k=5"));
        await _http.GetAsync(new Uri(api, "/api/users/m-u/recommendations?k=5"));
        var recommendationId = recs.GetProperty("recommendationId").GetString();
        var lead = recs.GetProperty("items")[0].GetProperty("leadId").GetString();
        foreach (var kind in new[] { "click", "inquiry" })
        {
            var response = await _http.PostAsJsonAsync(new Uri(api, "/api/events"), new[] { new { userId = "m-u", leadId = lead, kind, recommendationId } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        return (process.ExitCode, text[0] + text[1]);
    }

    [Fact]
    public async Task The_exposition_passes_promtool_for_every_LeadRecs_metric()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, _exposition);
        // promtool reads the exposition on standard input; through a shell so the file can be redirected in.
        var (_, output) = await RunAsync("/bin/sh", "-c", $"promtool check metrics < '{file}'");
        Assert.DoesNotContain("error while linting", output);
        Assert.DoesNotContain("parsing error", output);
        var ours = output.Split('\n').Where(l => l.StartsWith("leadrecs_", StringComparison.Ordinal)).ToList();
        Assert.True(ours.Count == 0, "promtool found problems in LeadRecs metrics:\n" + string.Join('\n', ours));
        foreach (var family in new[]
                 {
                     "leadrecs_recommendation_duration_seconds_bucket", "leadrecs_recommendation_cache_lookups_total",
                     "leadrecs_scoring_duration_seconds_bucket", "leadrecs_recommendation_candidates_bucket",
                     "leadrecs_recommendation_impressions_total", "leadrecs_feedback_events_total", "leadrecs_feedback_hits_total",
                     "http_server_request_duration_seconds_bucket", "orleans_catalog_activations",
                     "leadrecs_feature_drift_psi", "leadrecs_retraining_runs_total", "leadrecs_retraining_duration_seconds_bucket",
                     "leadrecs_retraining_last_run_timestamp_seconds", "leadrecs_recommendation_refreshes_total",
                 })
        {
            Assert.Contains(family, _exposition);
        }
    }

    [Fact]
    public void Every_dashboard_query_names_an_exported_metric()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "k8s", "monitoring", "grafana-dashboard.json")));
        var exprs = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.True(exprs.Count >= 9);
        var exported = _exposition.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => MetricName().Match(l).Value)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var expr in exprs)
        {
            var names = MetricNames(expr);
            Assert.NotEmpty(names);
            foreach (var name in names)
            {
                Assert.True(exported.Contains(name), $"the dashboard queries '{name}', which the service does not export ({expr})");
            }
        }
    }

    [Fact]
    public async Task A_real_Prometheus_scrapes_the_service()
    {
        var port = ServiceProcess.FreePort();
        var dir = Directory.CreateTempSubdirectory("leadrecs-prometheus").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: leadrecs-api
                static_configs:
                  - targets: ["127.0.0.1:{_api.HttpPort}"]
            """);
        var (checkExit, checkOutput) = await RunAsync("promtool", "check", "config", config);
        Assert.True(checkExit == 0, checkOutput);
        var (localExit, localOutput) = await RunAsync("promtool", "check", "config", Path.Combine(Repo, "k8s", "monitoring", "prometheus-local.yml"));
        Assert.True(localExit == 0, localOutput);

        var start = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }
        using var prometheus = Process.Start(start)!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(45);
            while (true)
            {
                var up = await QueryAsync(port, "up{job=\"leadrecs-api\"}");
                var impressions = await QueryAsync(port, "sum(leadrecs_recommendation_impressions_total)");
                if (up == 1 && impressions > 0)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"Prometheus did not scrape the service (up={up}, impressions={impressions})");
                await Task.Delay(500);
            }
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_Kubernetes_scrape_configuration_matches_the_pod_annotations()
    {
        var config = File.ReadAllText(Path.Combine(Repo, "k8s", "monitoring", "prometheus.yml"));
        Assert.Contains("kubernetes_sd_configs", config);
        foreach (var annotation in new[] { "prometheus_io_scrape", "prometheus_io_path", "prometheus_io_port" })
        {
            Assert.Contains(annotation, config);
        }
        foreach (var manifest in new[] { "silo.yaml", "api.yaml" })
        {
            var text = File.ReadAllText(Path.Combine(Repo, "k8s", manifest));
            Assert.Contains("prometheus.io/scrape: \"true\"", text);
            Assert.Contains("prometheus.io/path: /metrics", text);
        }
    }

    private async Task<double?> QueryAsync(int port, string query)
    {
        try
        {
            var result = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(query)}");
            var data = result.GetProperty("data").GetProperty("result");
            return data.GetArrayLength() == 0 ? null : double.Parse(data[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    /// <summary>
    /// The metric names a PromQL expression reads: what is left once label matchers, ranges, grouping clauses and
    /// function calls are taken out.
    /// </summary>
    private static List<string> MetricNames(string expr)
    {
        var stripped = Grouping().Replace(Matchers().Replace(expr, " "), " ");
        return Identifier().Matches(stripped)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value))
            .Select(m => m.Groups["name"].Value)
            .ToList();
    }

    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset"];

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
