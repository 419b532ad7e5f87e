namespace LeadRecs.Ranking.Features.Schema;

/// <summary>Where a feature's information comes from; groups make the schema readable and ablations ("without geo") possible.</summary>
public enum FeatureGroup
{
    User = 0,
    Lead = 1,
    Market = 2,
    Geo = 3,
}
