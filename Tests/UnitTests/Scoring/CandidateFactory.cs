using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Scoring;

internal static class CandidateFactory
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static LeadCandidate Candidate(
        string id, double lat, double lon, double price = 500_000, LeadKind kind = LeadKind.House,
        double popularity = 1, LeadStatus status = LeadStatus.Active, int bedrooms = 3) =>
        new(id, lat, lon, price, kind, bedrooms, 120, T0.AddDays(-10), status, popularity,
            GeoCell.FromLatLon(lat, lon).ToString(), 10, 5, 0);
}
