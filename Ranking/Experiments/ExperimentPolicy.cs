using System.Globalization;

namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// Decides a control-versus-canary experiment: Continue until both variants have
/// <see cref="ExperimentPolicyOptions.MinimumSamplesPerVariant"/> impressions, then Promote or Rollback when the
/// two-proportion z-test of the metric is significant at <see cref="ExperimentPolicyOptions.Alpha"/>, else Continue.
/// </summary>
/// <remarks>
/// Stateless, so the registry can call it on every look at the counts. Looking repeatedly and stopping at the first
/// significant answer inflates the false-positive rate above alpha; the minimum sample size damps that, and a
/// stricter alpha is the knob if it matters.
/// </remarks>
public sealed class ExperimentPolicy
{
    public ExperimentPolicy(ExperimentPolicyOptions? options = null)
    {
        Options = options ?? new ExperimentPolicyOptions();
        Options.Validate();
    }

    public ExperimentPolicyOptions Options { get; }

    public ExperimentDecision Decide(VariantCounts control, VariantCounts canary)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(canary);
        control.Validate();
        canary.Validate();

        var metric = Options.Metric;
        var controlSuccesses = control.Successes(metric);
        var canarySuccesses = canary.Successes(metric);
        var test = control.Impressions > 0 && canary.Impressions > 0
            ? TwoProportionZTest.Compute(controlSuccesses, control.Impressions, canarySuccesses, canary.Impressions)
            : null;
        var controlInterval = WilsonInterval.Compute(controlSuccesses, control.Impressions);
        var canaryInterval = WilsonInterval.Compute(canarySuccesses, canary.Impressions);
        ExperimentDecision Decision(ExperimentOutcome outcome, string reason) =>
            new(outcome, reason, metric, test, control, canary, controlInterval, canaryInterval);

        var minimum = Options.MinimumSamplesPerVariant;
        var missing = new List<string>(2);
        if (control.Impressions < minimum)
        {
            missing.Add(Invariant($"{minimum - control.Impressions:N0} more impressions on control '{control.Variant}'"));
        }
        if (canary.Impressions < minimum)
        {
            missing.Add(Invariant($"{minimum - canary.Impressions:N0} more impressions on canary '{canary.Variant}'"));
        }
        if (missing.Count > 0)
        {
            return Decision(ExperimentOutcome.Continue, Invariant($"needs {string.Join(" and ", missing)} (minimum {minimum:N0} per variant)"));
        }

        var t = test!;
        var comparison = Invariant(
            $"{Name(metric)} {t.RateB:P2} on canary '{canary.Variant}' ({canary.Version}) vs {t.RateA:P2} on control '{control.Variant}' ({control.Version}), z = {t.Z:0.00}, p = {t.PValue:0.####}");
        if (t.PValue >= Options.Alpha)
        {
            return Decision(ExperimentOutcome.Continue, Invariant($"no significant difference yet: {comparison} ≥ alpha {Options.Alpha}"));
        }

        return t.Difference > 0
            ? Decision(ExperimentOutcome.Promote, Invariant($"canary significantly better: {comparison} < alpha {Options.Alpha}"))
            : Decision(ExperimentOutcome.Rollback, Invariant($"canary significantly worse: {comparison} < alpha {Options.Alpha}"));
    }

    private static string Name(ExperimentMetric metric) => metric switch
    {
        ExperimentMetric.Conversion => "conversion",
        ExperimentMetric.ClickThrough => "click-through",
        ExperimentMetric.PrecisionAtK => "precision@k",
        _ => "inquiry rate",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
