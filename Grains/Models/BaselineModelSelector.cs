using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Models;

/// <summary>Serves everyone with the untrained baseline; used until a trained model is registered.</summary>
public sealed class BaselineModelSelector : IModelSelector
{
    public const string ControlVariant = "control";

    private static readonly ModelSelection Selection = new(BaselineScorer.Instance, ControlVariant);

    public ModelSelection ForUser(string userId) => Selection;
}
