using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Data;
using static LeadRecs.Ranking.Features.Schema.CategoricalFeatureId;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>Computes every categorical id of <see cref="FeatureCatalog"/> for one (user, lead) pair; 0 means unknown.</summary>
internal static class CategoricalFeatureCalculator
{
    public static readonly int Count = Enum.GetValues<CategoricalFeatureId>().Length;

    public static void Compute(UserFeatureContext u, LeadCandidate lead, Span<int> all)
    {
        all[(int)LeadKind] = Enum.IsDefined(lead.Kind) ? 1 + (int)lead.Kind : 0;
        all[(int)LeadPriceBand] = double.IsFinite(lead.Price) ? 1 + PriceBand.Of(lead.Price) : 0;
        // A stable hash, not string.GetHashCode, which differs per process and would scramble a trained model.
        all[(int)LeadGeoBucket] = string.IsNullOrEmpty(lead.CellId)
            ? 0
            : 1 + (int)(StableHash.Fnv1a(lead.CellId) % FeatureCatalog.GeoBuckets);
    }
}
