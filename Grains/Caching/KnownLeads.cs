using System.Collections.Concurrent;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// Lead ids this silo has found to exist, so checking an events batch (every event names a lead) does not ask every lead
/// grain on every request. Leads are never deleted (a closed lead is still a lead), so a lead once found stays found;
/// only unknown ids are asked for. Bounded: when full it starts over.
/// </summary>
public sealed class KnownLeads
{
    public const int Capacity = 1_000_000;

    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public bool Contains(string leadId) => _ids.ContainsKey(leadId);

    public void Add(string leadId)
    {
        if (_ids.Count >= Capacity)
        {
            _ids.Clear();
        }
        _ids.TryAdd(leadId, 0);
    }
}
