using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>
/// A lead the user clicked or inquired about, with the attributes that describe taste, so similarity to it can be
/// measured without looking the lead up. <see cref="Weight"/> is the funnel weight summed over repeats, as of <see cref="At"/>.
/// Public get/set properties: stored as JSON in the user grain's state.
/// </summary>
public sealed class EngagedLead : IRememberedLead
{
    public string LeadId { get; set; } = "";

    public double Lat { get; set; }

    public double Lon { get; set; }

    public double Price { get; set; }

    public int? Bedrooms { get; set; }

    public LeadKind Kind { get; set; }

    public double Weight { get; set; }

    public DateTimeOffset At { get; set; }
}
