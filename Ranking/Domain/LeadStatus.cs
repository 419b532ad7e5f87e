namespace LeadRecs.Ranking.Domain;

/// <summary>Only active leads are recommended.</summary>
public enum LeadStatus
{
    Active = 0,
    Pending = 1,
    Closed = 2,
}
