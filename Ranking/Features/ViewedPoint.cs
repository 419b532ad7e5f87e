namespace LeadRecs.Ranking.Features;

/// <summary>A lead the user touched, in a <see cref="UserProfile"/>: place, log price and its touch count decayed to the snapshot.</summary>
public readonly record struct ViewedPoint(string LeadId, double Lat, double Lon, double LogPrice, double Weight);
