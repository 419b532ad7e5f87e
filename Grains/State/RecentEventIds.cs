using System.Text.Json.Serialization;

namespace LeadRecs.Grains.State;

/// <summary>
/// The ids of the last events a grain applied, so that re-applying a batch (a retry after a silo failed half-way
/// through fanning it out) does not count anything twice. Bounded: a retry comes within seconds, not thousands
/// of events later. Stored as a list, oldest first.
/// </summary>
public sealed class RecentEventIds
{
    public const int Capacity = 128;

    private HashSet<string>? _index;

    public List<string> Ids { get; set; } = [];

    [JsonIgnore]
    private HashSet<string> Index => _index ??= new HashSet<string>(Ids, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="eventId"/> is among the remembered ids.</summary>
    public bool Contains(string? eventId) => eventId is not null && Index.Contains(eventId);

    /// <summary>Remembers <paramref name="eventId"/>; false when it was applied before. Events without an id always apply.</summary>
    public bool TryAdd(string? eventId)
    {
        if (eventId is null)
        {
            return true;
        }
        if (!Index.Add(eventId))
        {
            return false;
        }
        Ids.Add(eventId);
        if (Ids.Count > Capacity)
        {
            Index.Remove(Ids[0]);
            Ids.RemoveAt(0);
        }
        return true;
    }
}
