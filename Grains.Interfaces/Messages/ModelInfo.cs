namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>The model version and experiment variant that produced a recommendation list.</summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ModelInfo")]
public sealed record ModelInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string Variant);
