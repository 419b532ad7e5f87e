using LeadRecs.Ranking.Candidates;
using static LeadRecs.Ranking.Features.Schema.CategoricalFeatureId;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>Computes every categorical id of <see cref="FeatureCatalog"/> for one (user, lead) pair; 0 means unknown.</summary>
internal static class CategoricalFeatureCalculator
{
    public static readonly int Count = Enum.GetValues<CategoricalFeatureId>().Length;

    private static readonly int KindCount = Enum.GetValues<Domain.LeadKind>().Length;

    public static void Compute(UserFeatureContext u, LeadCandidate lead, int band, Span<int> all)
    {
        all[(int)LeadKind] = (uint)lead.Kind < (uint)KindCount ? 1 + (int)lead.Kind : 0;
        all[(int)LeadPriceBand] = double.IsFinite(lead.Price) ? 1 + band : 0;
        all[(int)LeadGeoBucket] = u.ForCell(lead).GeoBucket;
    }
}
