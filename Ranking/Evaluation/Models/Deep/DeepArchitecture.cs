namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>One candidate shape for the deep model's MLP and the Adam learning rate that suits it.</summary>
public sealed record DeepArchitecture(IReadOnlyList<int> HiddenSizes, float LearningRate)
{
    public override string ToString() => $"hidden {string.Join("-", HiddenSizes)} @ lr {LearningRate}";
}
