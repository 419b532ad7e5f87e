namespace LeadRecs.Grains.Interfaces.Messages;

/// <summary>Mirrors <c>LeadRecs.Ranking.Domain.InteractionKind</c>.</summary>
[GenerateSerializer]
[Alias("LeadRecs.InteractionKind")]
public enum InteractionKind
{
    View = 0,
    Click = 1,
    Inquiry = 2,
}
