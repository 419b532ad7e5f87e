using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class PrecisionMetricTests
{
    [Fact]
    public void Precision_at_k_counts_credited_leads_not_clicks_and_inquiries_twice()
    {
        // 100 leads shown; 30 clicks and 30 inquiries, but only 20 distinct recommended leads were credited.
        var counts = new VariantCounts("canary", "8", 100, 30, 30, 20, 100);
        Assert.Equal(60, counts.Successes(ExperimentMetric.Conversion));
        Assert.Equal(20, counts.Successes(ExperimentMetric.PrecisionAtK));
    }

    [Fact]
    public void The_policy_decides_on_precision_when_asked_to()
    {
        var policy = new ExperimentPolicy(new ExperimentPolicyOptions { Metric = ExperimentMetric.PrecisionAtK, MinimumSamplesPerVariant = 100 });
        // Same clicks in both variants, but the canary's clicks land on the leads it recommended.
        var control = new VariantCounts("control", "7", 2000, 200, 0, 40, 2000);
        var canary = new VariantCounts("canary", "8", 2000, 200, 0, 160, 2000);
        var decision = policy.Decide(control, canary);
        Assert.Equal(ExperimentOutcome.Promote, decision.Outcome);
        Assert.Contains("precision@k", decision.Reason);
    }
}
