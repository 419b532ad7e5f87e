namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>One variant's totals and rates, with 95 % Wilson intervals.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.VariantReport")]
public sealed record VariantReport(
    [property: Id(0)] string Variant,
    [property: Id(1)] string Version,
    [property: Id(2)] double Weight,
    [property: Id(3)] long Impressions,
    [property: Id(4)] long Clicks,
    [property: Id(5)] long Inquiries,
    [property: Id(6)] long Hits,
    [property: Id(7)] double Ctr,
    [property: Id(8)] double CtrLow,
    [property: Id(9)] double CtrHigh,
    [property: Id(10)] double Precision,
    [property: Id(11)] double PrecisionLow,
    [property: Id(12)] double PrecisionHigh);

/// <summary>The significance test between canary and control, and what it concluded.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ExperimentTest")]
public sealed record ExperimentTest(
    [property: Id(0)] string Metric,
    [property: Id(1)] double Z,
    [property: Id(2)] double PValue,
    [property: Id(3)] bool Significant,
    [property: Id(4)] string Decision,
    [property: Id(5)] string Reason);

/// <summary>An experiment (one canary against stable) with its variants, test, and the decisions taken.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ExperimentReport")]
public sealed record ExperimentReport(
    [property: Id(0)] string ModelName,
    [property: Id(1)] string Experiment,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] IReadOnlyList<VariantReport> Variants,
    [property: Id(5)] ExperimentTest? Test,
    [property: Id(6)] IReadOnlyList<RegistryChange> Decisions);
