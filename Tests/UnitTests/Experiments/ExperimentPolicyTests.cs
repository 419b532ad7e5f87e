using LeadRecs.Ranking.Experiments;

namespace LeadRecs.UnitTests.Experiments;

public sealed class ExperimentPolicyTests
{
    private static VariantCounts Control(long impressions, long clicks, long inquiries = 0) =>
        new("stable", "1", impressions, clicks, inquiries, RelevantAtK: 30, SlotsAtK: 100);

    private static VariantCounts Canary(long impressions, long clicks, long inquiries = 0) =>
        new("canary", "2", impressions, clicks, inquiries, RelevantAtK: 45, SlotsAtK: 100);

    [Fact]
    public void Too_few_impressions_continue_and_say_how_many_more_are_needed()
    {
        var decision = new ExperimentPolicy().Decide(Control(5_000, 500), Canary(400, 80));

        Assert.Equal(ExperimentOutcome.Continue, decision.Outcome);
        Assert.Equal("needs 600 more impressions on canary 'canary' (minimum 1,000 per variant)", decision.Reason);
        Assert.NotNull(decision.Test); // both have impressions, so the test is there for a dashboard
        Assert.Equal(0.2, decision.Test!.RateB, 12);
    }

    [Fact]
    public void No_impressions_at_all_continue_without_a_test()
    {
        var decision = new ExperimentPolicy().Decide(Control(0, 0), Canary(0, 0));

        Assert.Equal(ExperimentOutcome.Continue, decision.Outcome);
        Assert.Contains("1,000 more impressions on control 'stable' and 1,000 more impressions on canary 'canary'", decision.Reason);
        Assert.Null(decision.Test);
        Assert.Equal(new WilsonInterval(0, 1), decision.CanaryInterval);
    }

    [Fact]
    public void A_significantly_better_canary_is_promoted()
    {
        // Conversions (click or inquiry): control 80 + 20 = 100 of 1000, canary 100 + 30 = 130 of 1000:
        // z = 2.10274, p = 0.0355 < 0.05 (the same arithmetic as the z-test test).
        var decision = new ExperimentPolicy().Decide(Control(1_000, 80, 20), Canary(1_000, 100, 30));

        Assert.Equal(ExperimentOutcome.Promote, decision.Outcome);
        Assert.Equal(2.10274, decision.Test!.Z, 4);
        Assert.StartsWith("canary significantly better: conversion 13.00", decision.Reason);
        Assert.Contains("p = 0.0355", decision.Reason);
        Assert.True(decision.CanaryInterval.Lower > 0.1 && decision.ControlInterval.Upper < 0.13);
    }

    [Fact]
    public void A_significantly_worse_canary_is_rolled_back()
    {
        var decision = new ExperimentPolicy().Decide(Control(1_000, 130), Canary(1_000, 100));

        Assert.Equal(ExperimentOutcome.Rollback, decision.Outcome);
        Assert.Equal(-2.10274, decision.Test!.Z, 4);
        Assert.StartsWith("canary significantly worse", decision.Reason);
    }

    [Fact]
    public void A_difference_that_is_not_significant_continues()
    {
        // 100/1000 vs 110/1000: pooled 0.105, SE = sqrt(0.105 x 0.895 x 0.002) = 0.013709, z = 0.7294, p = 0.466.
        var decision = new ExperimentPolicy().Decide(Control(1_000, 100), Canary(1_000, 110));

        Assert.Equal(ExperimentOutcome.Continue, decision.Outcome);
        Assert.Equal(0.7294, decision.Test!.Z, 3);
        Assert.StartsWith("no significant difference yet", decision.Reason);
    }

    [Fact]
    public void Alpha_and_the_metric_are_options()
    {
        var control = Control(1_000, 100, inquiries: 10);
        var canary = Canary(1_000, 100, inquiries: 30);

        // Clicks alone are equal; inquiries 10 vs 30 of 1000 differ (z = 3.19, p = 0.0014).
        var byClicks = new ExperimentPolicy(new() { Metric = ExperimentMetric.ClickThrough }).Decide(control, canary);
        var byInquiries = new ExperimentPolicy(new() { Metric = ExperimentMetric.Inquiry }).Decide(control, canary);
        var strict = new ExperimentPolicy(new() { Alpha = 0.001 }).Decide(Control(1_000, 80, 20), Canary(1_000, 100, 30));

        Assert.Equal(ExperimentOutcome.Continue, byClicks.Outcome);
        Assert.Equal(ExperimentOutcome.Promote, byInquiries.Outcome);
        Assert.Equal(ExperimentOutcome.Continue, strict.Outcome);
        Assert.Throws<ArgumentException>(() => new ExperimentPolicy(new() { Alpha = 0 }));
        Assert.Throws<ArgumentException>(() => new ExperimentPolicy().Decide(Control(-1, 0), Canary(1, 0)));
    }

    [Fact]
    public void Counts_compute_their_rates()
    {
        var counts = new VariantCounts("canary", "2", 200, 30, 10, 7, 20);

        Assert.Equal(0.15, counts.Ctr, 12);
        Assert.Equal(0.05, counts.InquiryRate, 12);
        Assert.Equal(0.35, counts.PrecisionAtK, 12);
        Assert.Equal(40, counts.Conversions);
        Assert.Equal(0.2, counts.ConversionRate, 12);
        Assert.Equal(5, new VariantCounts("v", "1", 5, 4, 4, 0, 0).Conversions); // capped to stay a proportion
        Assert.Equal(0, new VariantCounts("v", "1", 0, 0, 0, 0, 0).PrecisionAtK);
    }
}
