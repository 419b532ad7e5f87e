namespace LeadRecs.Ranking.Domain;

/// <summary>A listing or prospect that can be recommended. Price in the market's currency.</summary>
public sealed record Lead(
    string Id,
    double Lat,
    double Lon,
    double Price,
    LeadKind Kind,
    int? Bedrooms,
    double? AreaSqm,
    DateTimeOffset ListedAt,
    LeadStatus Status = LeadStatus.Active);
