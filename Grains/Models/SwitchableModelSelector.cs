using LeadRecs.Ranking.Scoring;

namespace LeadRecs.Grains.Models;

/// <summary>
/// Serves every user with one scorer that can be swapped at run time: the baseline until a trained model is
/// ready, then that model. The selection is one volatile reference, so the hot path is a single read and a
/// switch is atomic; a user grain sees the new model identity on its next request and re-ranks.
/// The selector does not own scorers: a replaced scorer may still be finishing calls, so its owner decides
/// when to dispose it.
/// </summary>
public sealed class SwitchableModelSelector : IModelSelector
{
    private volatile ModelSelection _current = new(BaselineScorer.Instance, BaselineModelSelector.ControlVariant);

    public ModelSelection Current => _current;

    public ModelSelection ForUser(string userId) => _current;

    /// <summary>Serves <paramref name="scorer"/> from now on; returns the selection it replaced.</summary>
    public ModelSelection Use(ILeadScorer scorer, string variant = BaselineModelSelector.ControlVariant)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentException.ThrowIfNullOrWhiteSpace(variant);
        return Interlocked.Exchange(ref _current, new ModelSelection(scorer, variant));
    }
}
