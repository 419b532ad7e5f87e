using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Ranking.Features;

namespace LeadRecs.Grains.State;

/// <summary>A lead as its cell indexes it: attributes plus the popularity last reported by the lead grain.</summary>
public sealed class CellLead
{
    public required LeadInfo Lead { get; set; }
    public Decayed Popularity { get; set; } = Decayed.Zero;
}
