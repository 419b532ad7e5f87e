namespace LeadRecs.Ranking.Features;

/// <summary>
/// A lead the user touched in any way (viewed, clicked, inquired), with where it is and its price, so the spread of
/// the user's browsing can be measured without looking the lead up. <see cref="Weight"/> counts the touches, decayed
/// to <see cref="At"/>. Public get/set properties: stored as JSON in the user grain's state.
/// </summary>
public sealed class ViewedLead : IRememberedLead
{
    public string LeadId { get; set; } = "";

    public double Lat { get; set; }

    public double Lon { get; set; }

    public double Price { get; set; }

    public double Weight { get; set; }

    public DateTimeOffset At { get; set; }
}
