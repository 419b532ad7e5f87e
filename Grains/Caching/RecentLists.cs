using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// The last lists a user was shown, so feedback that quotes a recommendation id is attributed to the model
/// version and variant that made the list, and counted as a hit when the lead was on it. In memory only:
/// feedback for a list older than the grain's activation is counted as unattributed.
/// </summary>
public sealed class RecentLists
{
    public const int Capacity = 16;

    private readonly LinkedList<(string Id, ModelInfo Model, HashSet<string> Leads)> _lists = new();

    public void Remember(string recommendationId, ModelInfo model, IEnumerable<string> leadIds)
    {
        if (_lists.Any(l => l.Id == recommendationId))
        {
            return;
        }
        _lists.AddFirst((recommendationId, model, leadIds.ToHashSet(StringComparer.Ordinal)));
        if (_lists.Count > Capacity)
        {
            _lists.RemoveLast();
        }
    }

    /// <summary>The list <paramref name="recommendationId"/> names, and whether it contained <paramref name="leadId"/>.</summary>
    public (ModelInfo? Model, bool Hit) Attribute(string recommendationId, string leadId)
    {
        foreach (var list in _lists)
        {
            if (list.Id == recommendationId)
            {
                return (list.Model, list.Leads.Contains(leadId));
            }
        }
        return (null, false);
    }
}
