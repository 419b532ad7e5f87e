using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// Draws items a user never touched: with probability <see cref="UniformShare"/> uniformly from the catalogue
/// (what sampled evaluation uses, and the model must reject the long tail), otherwise uniformly from the user's
/// <see cref="CandidatePool"/> (hard negatives: what similar users took and what lies close to the user's places).
/// </summary>
public sealed class NegativeSampler(UserItemMatrix train, CandidatePool? pool, double uniformShare)
{
    private const int Attempts = 64;

    public double UniformShare => pool is null ? 1.0 : uniformShare;

    public int Sample(int user, int positive, DeterministicRandom random)
    {
        var seen = train.UserItems[user];
        var candidates = pool?.Items[user] ?? [];
        var fromPool = candidates.Length > 0 && random.NextDouble() >= UniformShare;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Pool items are unseen by construction; catalogue items need the check.
            var item = fromPool ? candidates[random.Next(candidates.Length)] : random.Next(train.ItemCount);
            if (item != positive && Array.BinarySearch(seen, item) < 0)
            {
                return item;
            }
        }

        return -1;
    }
}
