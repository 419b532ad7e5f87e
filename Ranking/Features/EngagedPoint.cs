using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>An engaged lead in a <see cref="UserProfile"/>: its taste attributes and its weight decayed to the snapshot.</summary>
public readonly record struct EngagedPoint(string LeadId, double Lat, double Lon, double LogPrice, int? Bedrooms, LeadKind Kind, double Weight);
