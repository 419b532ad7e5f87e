using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>What a user's features need to know about the lead an interaction was about.</summary>
public sealed record LeadFacts(string LeadId, double Lat, double Lon, double Price, LeadKind Kind, int? Bedrooms, string CellId);
