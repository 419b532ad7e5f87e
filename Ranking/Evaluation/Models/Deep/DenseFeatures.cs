using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// The dense input of the deep model for (user, item) pairs: log item popularity, log user activity, then the
/// <see cref="AffinityFeatures"/>, <see cref="RecencyFeatures"/>, <see cref="UserKnnFeatures"/>,
/// <see cref="TrendFeatures"/> and <see cref="GeoFeatures"/> when they are on. A training row names the pair it
/// leaves out: its group's positive x. The positive and its negatives then all see the data without (user, x) (the
/// user one item shorter, x's popularity without them), which is exactly how a held-out item and the items it is
/// ranked against look. Leaving x out of the positive's row alone would make positives differ from their own
/// negatives in ways a test item never does, and a nonlinear model learns exactly that. Rows are written per user
/// so per-user work is done once.
/// </summary>
public sealed class DenseFeatures
{
    private readonly UserItemMatrix _train;
    private readonly AffinityFeatures? _affinity;
    private readonly RecencyFeatures? _recency;
    private readonly UserKnnFeatures? _userKnn;
    private readonly TrendFeatures? _trend;
    private readonly GeoFeatures? _geo;
    private readonly int _recencyOffset;
    private readonly int _userKnnOffset;
    private readonly int _trendOffset;
    private readonly int _geoOffset;

    public DenseFeatures(UserItemMatrix train, AffinityFeatures? affinity, RecencyFeatures? recency, UserKnnFeatures? userKnn, TrendFeatures? trend, GeoFeatures? geo)
    {
        _trend = trend;
        _train = train;
        _affinity = affinity;
        _recency = recency;
        _userKnn = userKnn;
        _geo = geo;
        List<string> names = ["logPopularity", "logActivity"];
        if (affinity is not null)
        {
            names.AddRange(AffinityFeatures.Names);
        }

        _recencyOffset = names.Count;
        if (recency is not null)
        {
            names.AddRange(RecencyFeatures.Names);
        }

        _userKnnOffset = names.Count;
        if (userKnn is not null)
        {
            names.AddRange(UserKnnFeatures.Names);
        }

        _trendOffset = names.Count;
        if (trend is not null)
        {
            names.AddRange(TrendFeatures.Names);
        }

        _geoOffset = names.Count;
        if (geo is not null)
        {
            names.AddRange(GeoFeatures.Names);
        }

        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public int Width => Names.Count;

    /// <param name="leftOut">Per row, the item whose pair with the user is left out (-1: none); empty means none (scoring).</param>
    /// <param name="contextEnd">Per row, how much of the user's time-ordered history precedes it; empty means all.</param>
    /// <param name="dense">Row-major [items.Length, <see cref="Width"/>].</param>
    public void Write(int user, ReadOnlySpan<int> items, ReadOnlySpan<int> leftOut, ReadOnlySpan<int> contextEnd, Span<float> dense)
    {
        var width = Width;
        var history = _train.UserItems[user];
        for (var r = 0; r < items.Length; r++)
        {
            var x = r < leftOut.Length ? leftOut[r] : -1;
            var left = x >= 0 && Array.BinarySearch(history, x) >= 0;
            var row = dense.Slice(r * width, width);
            row[0] = MathF.Log(1 + Math.Max(_train.ItemCounts[items[r]] - (left && x == items[r] ? 1 : 0), 0));
            row[1] = MathF.Log(1 + history.Length - (left ? 1 : 0));
            _geo?.Write(user, items[r], left ? x : -1, row.Slice(_geoOffset));
        }

        _affinity?.Write(user, items, leftOut, dense, width, 2);
        _recency?.Write(user, items, leftOut, contextEnd, dense, width, _recencyOffset);
        _userKnn?.Write(user, items, leftOut, dense, width, _userKnnOffset);
        _trend?.Write(user, items, leftOut, contextEnd, dense, width, _trendOffset);
    }
}
