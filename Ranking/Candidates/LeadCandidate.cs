using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Candidates;

/// <summary>
/// A lead as the ranker sees it: its attributes plus what its surroundings say (popularity, the demand and
/// supply of its geo cell, the price trend of its market), all as of the moment of ranking.
/// </summary>
public sealed record LeadCandidate(
    string LeadId,
    double Lat,
    double Lon,
    double Price,
    LeadKind Kind,
    int? Bedrooms,
    double? AreaSqm,
    DateTimeOffset ListedAt,
    LeadStatus Status,
    double Popularity,
    string CellId,
    double CellDemand,
    int CellSupply,
    double MarketTrend);
