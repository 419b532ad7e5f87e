using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Features;

/// <summary>
/// A user's behavioural features, kept by the user grain and persisted as its state. Every collection is
/// bounded (<see cref="FeatureOptions"/>), so the state stays small however long a user is active.
/// Public get/set properties only: this class is stored as JSON.
/// </summary>
public sealed class UserFeatures
{
    /// <summary>Decayed interaction weight per lead kind.</summary>
    public Dictionary<LeadKind, Decayed> ByKind { get; set; } = [];

    /// <summary>Decayed interaction weight per <see cref="PriceBand"/>.</summary>
    public Dictionary<int, Decayed> ByPriceBand { get; set; } = [];

    /// <summary>Decayed interaction weight per geo cell id; only the strongest cells are kept.</summary>
    public Dictionary<string, Decayed> ByCell { get; set; } = [];

    /// <summary>Decayed count per funnel step (views, clicks, inquiries).</summary>
    public Dictionary<InteractionKind, Decayed> ByInteraction { get; set; } = [];

    /// <summary>The most recent leads, newest first.</summary>
    public List<RecentLead> Recent { get; set; } = [];

    public PreferenceCentroid Centroid { get; set; } = new();

    /// <summary>
    /// The centroid of clicks and inquiries only. Views include browsing that ignores the user's taste (popular or
    /// random listings), which drags <see cref="Centroid"/> around; people rarely click what they do not want.
    /// </summary>
    public PreferenceCentroid Engaged { get; set; } = new();

    /// <summary>The leads clicked or inquired about most recently, newest last; bounded by <see cref="FeatureOptions.MaxEngagedLeads"/>.</summary>
    public List<EngagedLead> EngagedLeads { get; set; } = [];

    /// <summary>The leads touched most recently (any interaction), newest last; bounded by <see cref="FeatureOptions.MaxViewedLeads"/>.</summary>
    public List<ViewedLead> ViewedLeads { get; set; } = [];

    public DateTimeOffset? LastActivity { get; set; }

    public long InteractionCount { get; set; }

    /// <summary>Bumped on every change: a cached ranking made at an older version is stale.</summary>
    public long Version { get; set; }

    public void Apply(LeadFacts lead, InteractionKind kind, DateTimeOffset at, FeatureOptions options)
    {
        var weight = InteractionWeights.Of(kind);
        var halfLife = options.PreferenceHalfLife;

        ByKind[lead.Kind] = ByKind.GetValueOrDefault(lead.Kind, Decayed.Zero).Add(weight, at, halfLife);
        var band = PriceBand.Of(lead.Price);
        ByPriceBand[band] = ByPriceBand.GetValueOrDefault(band, Decayed.Zero).Add(weight, at, halfLife);
        ByCell[lead.CellId] = ByCell.GetValueOrDefault(lead.CellId, Decayed.Zero).Add(weight, at, halfLife);
        ByInteraction[kind] = ByInteraction.GetValueOrDefault(kind, Decayed.Zero).Add(1, at, halfLife);
        Centroid.Add(lead.Lat, lead.Lon, lead.Price, lead.Bedrooms, weight, at, halfLife);
        if (kind != InteractionKind.View)
        {
            Engaged.Add(lead.Lat, lead.Lon, lead.Price, lead.Bedrooms, weight, at, halfLife);
            RememberEngaged(lead, weight, at, options);
        }
        RememberRecent(lead.LeadId, kind, at, options.MaxRecentLeads);
        RememberViewed(lead, at, options);
        TrimCells(at, options);

        if (LastActivity is null || at > LastActivity)
        {
            LastActivity = at;
        }
        InteractionCount++;
        Version++;
    }

    /// <summary>A read-only view of the features as of <paramref name="now"/>, for candidate generation and scoring.</summary>
    public UserProfile ToProfile(string userId, DateTimeOffset now, FeatureOptions options) =>
        UserProfile.From(userId, this, now, options);

    private void RememberRecent(string leadId, InteractionKind kind, DateTimeOffset at, int max)
    {
        var index = Recent.FindIndex(r => r.LeadId == leadId);
        var deepest = kind;
        var lastAt = at;
        if (index >= 0)
        {
            var previous = Recent[index];
            deepest = (InteractionKind)Math.Max((int)previous.DeepestKind, (int)kind);
            lastAt = at > previous.LastAt ? at : previous.LastAt;
            Recent.RemoveAt(index);
        }
        var entry = new RecentLead(leadId, deepest, lastAt);
        var position = Recent.FindIndex(r => r.LastAt <= lastAt);
        Recent.Insert(position < 0 ? Recent.Count : position, entry);
        if (Recent.Count > max)
        {
            Recent.RemoveRange(max, Recent.Count - max);
        }
    }

    private void RememberEngaged(LeadFacts lead, double weight, DateTimeOffset at, FeatureOptions options)
    {
        var entry = Remember(EngagedLeads, lead, weight, at, options.MaxEngagedLeads, options);
        entry.Bedrooms = lead.Bedrooms;
        entry.Kind = lead.Kind;
    }

    // A repeat adds one touch, like a repeat of an engaged lead adds its weight.
    private void RememberViewed(LeadFacts lead, DateTimeOffset at, FeatureOptions options) =>
        Remember(ViewedLeads, lead, 1, at, options.MaxViewedLeads, options);

    /// <summary>
    /// One entry per lead, moved to the end (the newest): repeats add weight, decayed to the later of the two times like
    /// any Decayed value, and the oldest entries beyond <paramref name="max"/> are dropped.
    /// </summary>
    private static T Remember<T>(List<T> leads, LeadFacts lead, double weight, DateTimeOffset at, int max, FeatureOptions options)
        where T : class, IRememberedLead, new()
    {
        var index = leads.FindIndex(e => e.LeadId == lead.LeadId);
        var entry = index >= 0 ? leads[index] : new T { LeadId = lead.LeadId, At = at };
        if (index >= 0)
        {
            leads.RemoveAt(index);
        }
        var total = new Decayed(entry.Weight, entry.At).Add(weight, at, options.PreferenceHalfLife);
        entry.Weight = total.Value;
        entry.At = total.AsOf;
        entry.Lat = lead.Lat;
        entry.Lon = lead.Lon;
        entry.Price = lead.Price;
        leads.Add(entry);
        if (leads.Count > max)
        {
            leads.RemoveRange(0, leads.Count - max);
        }
        return entry;
    }

    private void TrimCells(DateTimeOffset now, FeatureOptions options)
    {
        if (ByCell.Count <= options.MaxTrackedCells)
        {
            return;
        }
        var weakest = ByCell
            .OrderBy(c => c.Value.ValueAt(now, options.PreferenceHalfLife))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(ByCell.Count - options.MaxTrackedCells)
            .Select(c => c.Key)
            .ToList();
        foreach (var cell in weakest)
        {
            ByCell.Remove(cell);
        }
    }
}
