using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>Scores an item by how many distinct training users touched it: the bar any personal model must clear.</summary>
public sealed class PopularityRecommender : IRecommender
{
    private int[] _counts = [];

    public string Name => "popularity";

    public string Settings => "distinct users per item";

    public void Fit(UserItemMatrix train, FitContext context) => _counts = train.ItemCounts;

    public void Score(int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        for (var i = 0; i < items.Length; i++)
        {
            scores[i] = _counts[items[i]];
        }
    }
}
