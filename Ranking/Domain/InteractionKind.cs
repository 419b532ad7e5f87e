namespace LeadRecs.Ranking.Domain;

/// <summary>The funnel a user walks down: a view, then a click, then an inquiry.</summary>
public enum InteractionKind
{
    View = 0,
    Click = 1,
    Inquiry = 2,
}
