using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Caching;

/// <summary>
/// The last lists a user was shown, so feedback that quotes a recommendation id is attributed to the model
/// version, variant and experiment that made the list, and counted as a hit when the lead was on it (once per
/// lead and list, so hits over leads shown is a proportion). In memory only: feedback for a list older than the
/// grain's activation is counted as unattributed.
/// </summary>
public sealed class RecentLists
{
    public const int Capacity = 16;

    private readonly LinkedList<(string Id, ModelInfo Model, string Experiment, HashSet<string> Leads)> _lists = new();

    public void Remember(string recommendationId, ModelInfo model, IEnumerable<string> leadIds, string experiment = "")
    {
        if (_lists.Any(l => l.Id == recommendationId))
        {
            return;
        }
        _lists.AddFirst((recommendationId, model, experiment, leadIds.ToHashSet(StringComparer.Ordinal)));
        if (_lists.Count > Capacity)
        {
            _lists.RemoveLast();
        }
    }

    /// <summary>
    /// The list <paramref name="recommendationId"/> names, and whether it contained <paramref name="leadId"/> not
    /// yet credited; when <paramref name="credit"/> is set (a click or inquiry) the lead is credited now.
    /// </summary>
    public (ModelInfo? Model, string Experiment, bool Hit) Attribute(string recommendationId, string leadId, bool credit = false)
    {
        foreach (var list in _lists)
        {
            if (list.Id == recommendationId)
            {
                var hit = credit ? list.Leads.Remove(leadId) : list.Leads.Contains(leadId);
                return (list.Model, list.Experiment, hit);
            }
        }
        return (null, "", false);
    }
}
