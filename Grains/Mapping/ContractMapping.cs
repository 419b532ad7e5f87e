using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using DomainKind = LeadRecs.Ranking.Domain.InteractionKind;
using DomainLeadKind = LeadRecs.Ranking.Domain.LeadKind;
using DomainStatus = LeadRecs.Ranking.Domain.LeadStatus;

namespace LeadRecs.Grains.Mapping;

/// <summary>
/// Converts between the wire contracts (Orleans-serializable, in Grains.Interfaces) and the ranking library's
/// types (which must not depend on Orleans). The enums mirror each other value for value.
/// </summary>
public static class ContractMapping
{
    public static DomainLeadKind ToDomain(this LeadKind kind) => (DomainLeadKind)(int)kind;

    public static DomainStatus ToDomain(this LeadStatus status) => (DomainStatus)(int)status;

    public static DomainKind ToDomain(this InteractionKind kind) => (DomainKind)(int)kind;

    public static LeadFacts ToFacts(this LeadInfo lead, string cellId) =>
        new(lead.Id, lead.Lat, lead.Lon, lead.Price, lead.Kind.ToDomain(), lead.Bedrooms, cellId);

    public static LeadCandidate ToCandidate(this CandidateLead c, DateTimeOffset now, TimeSpan popularityHalfLife) => new(
        c.Lead.Id,
        c.Lead.Lat,
        c.Lead.Lon,
        c.Lead.Price,
        c.Lead.Kind.ToDomain(),
        c.Lead.Bedrooms,
        c.Lead.AreaSqm,
        c.Lead.ListedAt,
        c.Lead.Status.ToDomain(),
        new Decayed(c.Popularity, c.PopularityAsOf).ValueAt(now, popularityHalfLife),
        c.CellId,
        c.CellDemand,
        c.CellSupply,
        c.MarketTrend);
}
