using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// One epoch's rows: every training pair as a positive plus k fresh negatives for its user, all featurised with the
/// positive's pair left out of the data (see <see cref="DenseFeatures"/>). Users are filled in
/// parallel into fixed offsets, each from its own random stream of (seed, user, epoch), so the rows are the same
/// whatever the thread count. Rows stay user-major; the trainer shuffles them itself.
/// </summary>
public static class DeepTrainingSetBuilder
{
    public static TrainingData Build(
        UserItemMatrix train, DenseFeatures features, NegativeSampler sampler, int negatives, int seed, int epoch, int maxDegreeOfParallelism)
    {
        var perPositive = 1 + negatives;
        var offsets = new int[train.UserCount + 1];
        for (var u = 0; u < train.UserCount; u++)
        {
            offsets[u + 1] = offsets[u] + train.UserItems[u].Length * perPositive;
        }

        var width = features.Width;
        var data = TrainingData.Allocate(offsets[^1], width, 2, withWeights: true);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, train.UserCount, options, u =>
        {
            var start = offsets[u];
            var count = offsets[u + 1] - start;
            if (count == 0)
            {
                return;
            }

            var random = DeterministicRandom.For(seed, "deep-negatives", u, epoch);
            var items = new int[count];
            var positive = new bool[count];
            var leftOut = new int[count];
            var contextEnd = new int[count];
            var position = SequencePositions(train, u);
            var weights = data.Weights.AsSpan(start, count);
            var row = 0;
            foreach (var item in train.UserItems[u])
            {
                // A positive and its negatives see only what the user did before it (the time-ordered history).
                var before = position?[item] ?? 0;
                contextEnd.AsSpan(row, perPositive).Fill(before);
                leftOut.AsSpan(row, perPositive).Fill(item);
                items[row] = item;
                positive[row] = true;
                weights[row++] = 1f;
                for (var n = 0; n < negatives; n++)
                {
                    // A user with (nearly) every item has nothing to contrast with: a zero-weight filler keeps offsets fixed.
                    var negative = sampler.Sample(u, item, random);
                    items[row] = negative < 0 ? item : negative;
                    positive[row] = negative < 0;
                    weights[row++] = negative < 0 ? 0f : 1f;
                }
            }

            features.Write(u, items, leftOut, contextEnd, data.Dense.AsSpan(start * width, count * width));
            for (var r = 0; r < count; r++)
            {
                data.Categorical[2 * (start + r)] = u + 1;
                data.Categorical[2 * (start + r) + 1] = items[r] + 1;
                data.Labels[start + r] = positive[r] && weights[r] > 0 ? 1f : 0f;
            }
        });

        return data;
    }

    private static Dictionary<int, int>? SequencePositions(UserItemMatrix train, int user)
    {
        if (train.Sequences is null)
        {
            return null;
        }

        var sequence = train.Sequences[user];
        var positions = new Dictionary<int, int>(sequence.Length);
        for (var k = 0; k < sequence.Length; k++)
        {
            positions[sequence[k]] = k;
        }

        return positions;
    }
}
