namespace LeadRecs.Grains.Models;

/// <summary>
/// Picks the model that serves a user. The seam where trained models and A/B splits plug in; it must answer
/// from local memory, because every recommendation request asks it.
/// </summary>
public interface IModelSelector
{
    ModelSelection ForUser(string userId);
}
