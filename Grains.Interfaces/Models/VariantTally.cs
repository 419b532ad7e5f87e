namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// Counts for one variant of one experiment, summed on a silo between flushes. Impressions are leads shown;
/// hits are clicks and inquiries on a lead the quoted list recommended (the online precision@k numerator).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.VariantTally")]
public sealed record VariantTally(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Variant,
    [property: Id(2)] string Version,
    [property: Id(3)] long Impressions,
    [property: Id(4)] long Clicks,
    [property: Id(5)] long Inquiries,
    [property: Id(6)] long Hits);
