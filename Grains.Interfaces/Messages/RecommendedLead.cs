namespace LeadRecs.Grains.Interfaces.Messages;

[GenerateSerializer, Immutable]
[Alias("LeadRecs.RecommendedLead")]
public sealed record RecommendedLead(
    [property: Id(0)] string LeadId,
    [property: Id(1)] int Rank,
    [property: Id(2)] double Score);
