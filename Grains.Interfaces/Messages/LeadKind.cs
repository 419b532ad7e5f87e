namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>What a lead is. Mirrors <c>LeadRecs.Ranking.Domain.LeadKind</c> value for value (a test checks it).</summary>
[GenerateSerializer]
[Alias("LeadRecs.LeadKind")]
public enum LeadKind
{
    House = 0,
    Condo = 1,
    Townhouse = 2,
    Land = 3,
    Commercial = 4,
    Multifamily = 5,
}
