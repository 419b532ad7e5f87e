using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>
/// The answer of <c>GET /api/models/{name}/experiments</c>: the running experiment (canary against stable), its
/// variants with 95 % Wilson intervals, the significance test and the decisions it led to (newest first).
/// Statistics that are undefined so far (no impressions) are null.
/// </summary>
public sealed record ExperimentResponse(
    string Name,
    string ModelName,
    string Status,
    DateTimeOffset? StartedAt,
    IReadOnlyList<ExperimentVariantResponse> Variants,
    ExperimentTestResponse? Test,
    IReadOnlyList<RegistryChangeResponse> History)
{
    public static ExperimentResponse From(ExperimentReport r) => new(
        r.Experiment,
        r.ModelName,
        r.Status,
        r.StartedAt,
        r.Variants.Select(ExperimentVariantResponse.From).ToArray(),
        r.Test is { } t ? ExperimentTestResponse.From(t) : null,
        r.Decisions.Reverse().Select(RegistryChangeResponse.From).ToArray());
}

/// <summary>One variant: counts, CTR and online precision@k with their intervals as [lo, hi].</summary>
public sealed record ExperimentVariantResponse(
    string Variant,
    string Version,
    double Weight,
    long Impressions,
    long Clicks,
    long Inquiries,
    long Hits,
    double? Ctr,
    IReadOnlyList<double?> CtrCi,
    double? Precision,
    IReadOnlyList<double?> PrecisionCi)
{
    public static ExperimentVariantResponse From(VariantReport v) => new(
        v.Variant, v.Version, v.Weight, v.Impressions, v.Clicks, v.Inquiries, v.Hits,
        Finite.OrNull(v.Ctr), [Finite.OrNull(v.CtrLow), Finite.OrNull(v.CtrHigh)],
        Finite.OrNull(v.Precision), [Finite.OrNull(v.PrecisionLow), Finite.OrNull(v.PrecisionHigh)]);
}

/// <summary>The two-proportion z-test of canary against control and the decision it calls for.</summary>
public sealed record ExperimentTestResponse(string Metric, double? Z, double? PValue, bool Significant, string Decision, string Reason)
{
    public static ExperimentTestResponse From(ExperimentTest t) =>
        new(t.Metric, Finite.OrNull(t.Z), Finite.OrNull(t.PValue), t.Significant, t.Decision, t.Reason);
}
