using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Geo;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// Replays a <see cref="MarketHistory"/> forward in time and answers "what did the service know at
/// <see cref="Now"/>": user profiles, each lead's status and decayed popularity, each cell's demand, supply and
/// price trend, computed with the same code and constants as the grains, so training sees what serving sees.
/// It can only move forward, which is what makes a training set built on it point-in-time correct.
/// </summary>
public sealed class PointInTimeMarket
{
    private readonly Lead[] _leads;
    private readonly string[] _cellOf;
    private readonly Dictionary<string, int> _leadIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketCell> _cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserFeatures> _users = new(StringComparer.Ordinal);
    private readonly LeadStatus[] _status;
    private readonly bool[] _listed;
    private readonly Decayed[] _popularity;
    private readonly int[] _listingOrder;
    private readonly IReadOnlyList<LeadStatusChange> _changes;
    private readonly MarketPoint[] _points;
    private readonly FeatureOptions _options;
    private int _nextListing;
    private int _nextChange;
    private int _nextPoint;

    public PointInTimeMarket(MarketHistory history, FeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        _options = options ?? FeatureOptions.Default;
        _leads = [.. history.Leads];
        _cellOf = new string[_leads.Length];
        _status = new LeadStatus[_leads.Length];
        _listed = new bool[_leads.Length];
        _popularity = new Decayed[_leads.Length];
        for (var i = 0; i < _leads.Length; i++)
        {
            var lead = _leads[i];
            if (!_leadIndex.TryAdd(lead.Id, i))
            {
                throw new ArgumentException($"Lead '{lead.Id}' appears twice in the catalog.", nameof(history));
            }
            _cellOf[i] = GeoCell.FromLatLon(lead.Lat, lead.Lon, Zoom).ToString();
            Cell(_cellOf[i]).Leads.Add(i);
            _popularity[i] = Decayed.Zero;
        }
        _listingOrder = Enumerable.Range(0, _leads.Length).OrderBy(i => _leads[i].ListedAt).ThenBy(i => i).ToArray();
        _changes = history.StatusChanges.OrderBy(c => c.At).ToList();
        _points = history.MarketPoints.OrderBy(p => p.Date).ToArray();
    }

    /// <summary>The zoom of the cells candidates come from, as in the grains.</summary>
    public const int Zoom = GeoCell.DefaultZoom;

    public DateTimeOffset Now { get; private set; } = DateTimeOffset.MinValue;

    public int LeadCount => _leads.Length;

    public FeatureOptions Options => _options;

    public IEnumerable<string> Users => _users.Keys;

    /// <summary>A market point describes the end of its day, so it is known from midnight after it.</summary>
    public static DateTimeOffset KnownFrom(DateOnly date) =>
        new(date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public Lead Lead(int index) => _leads[index];

    public string CellOf(int index) => _cellOf[index];

    public bool TryGetLead(string leadId, out int index) => _leadIndex.TryGetValue(leadId, out index);

    /// <summary>Listed and active at <see cref="Now"/>: a lead that may be recommended.</summary>
    public bool IsAvailable(int index) => _listed[index] && _status[index] == LeadStatus.Active;

    public double Popularity(int index) => _popularity[index].ValueAt(Now, _options.PopularityHalfLife);

    /// <summary>Every lead of the cell, available or not; check <see cref="IsAvailable"/>.</summary>
    public IReadOnlyList<int> LeadsIn(string cellId) => _cells.TryGetValue(cellId, out var cell) ? cell.Leads : [];

    /// <summary>Moves time forward, applying listings, status changes and market points up to and including <paramref name="time"/>.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        if (time < Now)
        {
            throw new InvalidOperationException($"The market is at {Now:O}; it cannot go back to {time:O}.");
        }
        Now = time;
        while (_nextListing < _listingOrder.Length && _leads[_listingOrder[_nextListing]].ListedAt <= time)
        {
            var i = _listingOrder[_nextListing++];
            var before = IsAvailable(i);
            _listed[i] = true;
            UpdateSupply(i, before);
        }
        while (_nextChange < _changes.Count && _changes[_nextChange].At <= time)
        {
            var change = _changes[_nextChange++];
            if (_leadIndex.TryGetValue(change.LeadId, out var i))
            {
                var before = IsAvailable(i);
                _status[i] = change.Status;
                UpdateSupply(i, before);
            }
        }
        while (_nextPoint < _points.Length && KnownFrom(_points[_nextPoint].Date) <= time)
        {
            var point = _points[_nextPoint++];
            if ((point.MedianPrice ?? point.PricePerSqm) is { } price)
            {
                Cell(point.CellId).AddMarketPrice(point.Date, price);
            }
        }
    }

    /// <summary>Records an interaction at <see cref="Now"/> or later (the market advances to it); false when the lead is unknown.</summary>
    public bool Apply(Interaction interaction)
    {
        if (!_leadIndex.TryGetValue(interaction.LeadId, out var i))
        {
            return false;
        }
        AdvanceTo(interaction.At);
        var lead = _leads[i];
        var weight = InteractionWeights.Of(interaction.Kind);
        _popularity[i] = _popularity[i].Add(weight, interaction.At, _options.PopularityHalfLife);
        var cell = Cell(_cellOf[i]);
        cell.Demand = cell.Demand.Add(weight, interaction.At, _options.PopularityHalfLife);
        if (!_users.TryGetValue(interaction.UserId, out var user))
        {
            user = new UserFeatures();
            _users[interaction.UserId] = user;
        }
        user.Apply(
            new LeadFacts(lead.Id, lead.Lat, lead.Lon, lead.Price, lead.Kind, lead.Bedrooms, _cellOf[i]),
            interaction.Kind, interaction.At, _options);
        return true;
    }

    /// <summary>The user as the user grain would see them at <see cref="Now"/>.</summary>
    public UserProfile Profile(string userId) =>
        _users.TryGetValue(userId, out var user) ? user.ToProfile(userId, Now, _options) : UserProfile.Cold(userId, Now);

    /// <summary>The lead as a geo cell would hand it to the ranker at <see cref="Now"/>.</summary>
    public LeadCandidate Candidate(int index)
    {
        var lead = _leads[index];
        var cell = _cells[_cellOf[index]];
        return new LeadCandidate(
            lead.Id, lead.Lat, lead.Lon, lead.Price, lead.Kind, lead.Bedrooms, lead.AreaSqm, lead.ListedAt,
            IsAvailable(index) ? LeadStatus.Active : _listed[index] ? _status[index] : LeadStatus.Pending,
            Popularity(index),
            _cellOf[index],
            cell.Demand.ValueAt(Now, _options.PopularityHalfLife),
            cell.Supply,
            cell.Trend);
    }

    private void UpdateSupply(int index, bool wasAvailable)
    {
        var before = wasAvailable;
        var after = IsAvailable(index);
        if (before != after)
        {
            Cell(_cellOf[index]).Supply += after ? 1 : -1;
        }
    }

    private MarketCell Cell(string cellId)
    {
        if (!_cells.TryGetValue(cellId, out var cell))
        {
            cell = new MarketCell();
            _cells[cellId] = cell;
        }
        return cell;
    }
}
