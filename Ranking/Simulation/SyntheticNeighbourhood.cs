namespace LeadRecs.Ranking.Simulation;

/// <summary>A cluster of the synthetic city, placed in km north and east of the centre.</summary>
/// <param name="PriceFactor">How much dearer (or cheaper) than the city's distance gradient this area is.</param>
internal sealed record SyntheticNeighbourhood(double NorthKm, double EastKm, double SpreadKm, double Weight, double PriceFactor);
