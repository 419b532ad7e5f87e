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
        RememberRecent(lead.LeadId, kind, at, options.MaxRecentLeads);
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
