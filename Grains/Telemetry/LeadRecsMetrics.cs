using System.Diagnostics.Metrics;

namespace LeadRecs.Grains.Telemetry;

/// <summary>
/// The service's own instruments (meter "LeadRecs"). Names follow OpenTelemetry conventions and come out of
/// the Prometheus exporter as e.g. <c>leadrecs_recommendation_duration_seconds</c> and
/// <c>leadrecs_recommendation_cache_lookups_total</c>. Tags never carry user or lead ids: only low-cardinality
/// values (cache tier, model name/version, variant, interaction kind).
/// </summary>
public sealed class LeadRecsMetrics
{
    public const string MeterName = "LeadRecs";

    /// <summary>Where a ranking came from: the user grain's memory, the shared Redis tier, or a fresh computation.</summary>
    public static class Paths
    {
        public const string Memory = "memory";
        public const string Redis = "redis";
        public const string Computed = "computed";
    }

    private readonly Histogram<double> _recommendationDuration;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _refreshesSkipped;
    private readonly Histogram<double> _scoringDuration;
    private readonly Histogram<int> _candidates;
    private readonly Counter<long> _impressions;
    private readonly Counter<long> _feedback;
    private readonly Counter<long> _feedbackHits;

    public LeadRecsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _recommendationDuration = meter.CreateHistogram<double>(
            "leadrecs.recommendation.duration", "s", "Time to answer a recommendation request inside the user grain, by path.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _cacheLookups = meter.CreateCounter<long>(
            "leadrecs.recommendation.cache.lookups", "{lookup}", "Ranking cache lookups by tier (memory, redis) and result (hit, miss).");
        _refreshes = meter.CreateCounter<long>(
            "leadrecs.recommendation.refreshes", "{ranking}",
            "Rankings computed ahead of a request, right after new behaviour of a user who reads recommendations often.");
        _refreshesSkipped = meter.CreateCounter<long>(
            "leadrecs.recommendation.refreshes.skipped", "{ranking}",
            "Refreshes ahead skipped because the silo's per-second budget was spent (computed on the next request instead).");
        _scoringDuration = meter.CreateHistogram<double>(
            "leadrecs.scoring.duration", "s", "Time to score one request's candidates with the model (inference).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _candidates = meter.CreateHistogram<int>(
            "leadrecs.recommendation.candidates", "{candidate}", "Candidates scored per computed ranking.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [10, 50, 100, 250, 500, 1000, 2000, 4000] });
        _impressions = meter.CreateCounter<long>(
            "leadrecs.recommendation.impressions", "{lead}", "Leads shown in recommendation lists, by model version and variant.");
        _feedback = meter.CreateCounter<long>(
            "leadrecs.feedback.events", "{event}", "Interactions that quote a recommendation id, by the model version and variant that made it.");
        _feedbackHits = meter.CreateCounter<long>(
            "leadrecs.feedback.hits", "{event}", "Clicks and inquiries on a lead that the quoted list recommended (online precision numerator).");
    }

    /// <summary>Sub-millisecond resolution: a cached answer takes microseconds, a computed one milliseconds.</summary>
    private static readonly double[] LatencyBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    public void RecordRecommendation(string path, TimeSpan duration) =>
        _recommendationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("path", path));

    public void RecordCacheLookup(string tier, bool hit) =>
        _cacheLookups.Add(1, new("tier", tier), new("result", hit ? "hit" : "miss"));

    public void RecordRefreshAhead() => _refreshes.Add(1);

    public void RecordRefreshAheadSkipped() => _refreshesSkipped.Add(1);

    public void RecordScoring(string model, TimeSpan duration, int candidates)
    {
        _scoringDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("model", model));
        _candidates.Record(candidates);
    }

    public void RecordImpressions(string model, string version, string variant, int leads) =>
        _impressions.Add(leads, new("model", model), new("version", version), new("variant", variant));

    public void RecordFeedback(string model, string version, string variant, string kind, bool hit)
    {
        _feedback.Add(1, new("model", model), new("version", version), new("variant", variant), new("kind", kind));
        if (hit && kind != "view")
        {
            _feedbackHits.Add(1, new("model", model), new("version", version), new("variant", variant));
        }
    }
}
