namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>Mirrors <c>LeadRecs.Ranking.Domain.LeadStatus</c>.</summary>
[GenerateSerializer]
[Alias("LeadRecs.LeadStatus")]
public enum LeadStatus
{
    Active = 0,
    Pending = 1,
    Closed = 2,
}
