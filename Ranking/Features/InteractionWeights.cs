using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>How much each step of the funnel says about intent: an inquiry is worth many views.</summary>
public static class InteractionWeights
{
    public const double View = 1.0;
    public const double Click = 3.0;
    public const double Inquiry = 8.0;

    public static double Of(InteractionKind kind) => kind switch
    {
        InteractionKind.View => View,
        InteractionKind.Click => Click,
        InteractionKind.Inquiry => Inquiry,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interaction kind."),
    };
}
