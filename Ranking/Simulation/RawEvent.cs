using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>An interaction by index, before it becomes an <see cref="Interaction"/>; sorts by time, then user, then the user's own order.</summary>
internal readonly record struct RawEvent(long Ticks, int User, int Sequence, int Lead, InteractionKind Kind) : IComparable<RawEvent>
{
    // Ties are broken by user and per-user sequence so that equal timestamps still have one order
    // (a click never sorts before its view), independent of how the sort treats equal keys.
    public int CompareTo(RawEvent other) =>
        Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks)
        : User != other.User ? User.CompareTo(other.User)
        : Sequence.CompareTo(other.Sequence);
}
