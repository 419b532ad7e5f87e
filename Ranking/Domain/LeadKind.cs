namespace LeadRecs.Ranking.Domain;

/// <summary>What a lead is. The numeric values are part of every feature schema: never renumber.</summary>
public enum LeadKind
{
    House = 0,
    Condo = 1,
    Townhouse = 2,
    Land = 3,
    Commercial = 4,
    Multifamily = 5,
}
