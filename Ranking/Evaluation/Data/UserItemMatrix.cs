namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// What a model may learn from: each user's distinct items (sorted, so membership is a binary search), each
/// item's number of distinct users, and item locations when there are any. Implicit feedback: an interaction is
/// an interaction whatever its rating, and repeats count once. With timestamps it also keeps each user's items
/// in time order, for features of what the user did most recently.
/// </summary>
public sealed class UserItemMatrix
{
    private int[][]? _itemUsers;

    private UserItemMatrix(int[][] userItems, int itemCount, ItemLocations? locations, int[][]? sequences = null, long[][]? sequenceTimes = null)
    {
        UserItems = userItems;
        ItemCount = itemCount;
        Locations = locations;
        Sequences = sequences;
        SequenceTimes = sequenceTimes;
        ItemCounts = new int[itemCount];
        foreach (var items in userItems)
        {
            PairCount += items.Length;
            foreach (var item in items)
            {
                ItemCounts[item]++;
            }
        }
    }

    public int UserCount => UserItems.Length;

    public int ItemCount { get; }

    public int PairCount { get; }

    /// <summary>Per user, the distinct items, ascending.</summary>
    public int[][] UserItems { get; }

    /// <summary>Per item, how many distinct users interacted with it.</summary>
    public int[] ItemCounts { get; }

    public ItemLocations? Locations { get; }

    /// <summary>
    /// Per user, the same items as <see cref="UserItems"/> ordered by their last interaction (oldest first; equal
    /// timestamps in file order). Null when the data has no timestamps.
    /// </summary>
    public int[][]? Sequences { get; }

    /// <summary>The time of each <see cref="Sequences"/> entry (its last interaction), ascending.</summary>
    public long[][]? SequenceTimes { get; }

    public static UserItemMatrix FromPairs(int userCount, int itemCount, ReadOnlySpan<int> users, ReadOnlySpan<int> items, ItemLocations? locations)
    {
        var sets = new List<int>[userCount];
        for (var u = 0; u < userCount; u++)
        {
            sets[u] = [];
        }

        for (var r = 0; r < users.Length; r++)
        {
            sets[users[r]].Add(items[r]);
        }

        var userItems = sets.Select(s => s.Distinct().Order().ToArray()).ToArray();
        return new UserItemMatrix(userItems, itemCount, locations);
    }

    public static UserItemMatrix FromTable(InteractionTable table, int userCount, int itemCount, ItemLocations? locations)
    {
        var matrix = FromPairs(userCount, itemCount, table.Users, table.Items, locations);
        if (!table.HasTimestamps)
        {
            return matrix;
        }

        // A stable sort by time keeps file order among equal timestamps, the protocols' tie rule.
        var order = Enumerable.Range(0, table.Count).OrderBy(r => table.Timestamps[r]).ToArray();
        var last = new Dictionary<int, int>[userCount];
        for (var u = 0; u < userCount; u++)
        {
            last[u] = [];
        }

        for (var k = 0; k < order.Length; k++)
        {
            last[table.Users[order[k]]][table.Items[order[k]]] = k;
        }

        var sequences = last.Select(d => d.OrderBy(p => p.Value).Select(p => p.Key).ToArray()).ToArray();
        var times = last.Select(d => d.OrderBy(p => p.Value).Select(p => table.Timestamps[order[p.Value]]).ToArray()).ToArray();
        return new UserItemMatrix(matrix.UserItems, itemCount, locations, sequences, times);
    }

    /// <summary>Per item, its distinct users, ascending: the transpose, built on first use.</summary>
    public int[][] ItemUsers => _itemUsers ??= Transpose();

    public bool Contains(int user, int item) => Array.BinarySearch(UserItems[user], item) >= 0;

    /// <summary>The rows of every (user, item) pair, user-major: what SGD-style trainers iterate over.</summary>
    public (int[] Users, int[] Items) Pairs()
    {
        var users = new int[PairCount];
        var items = new int[PairCount];
        var row = 0;
        for (var u = 0; u < UserCount; u++)
        {
            foreach (var i in UserItems[u])
            {
                users[row] = u;
                items[row++] = i;
            }
        }

        return (users, items);
    }

    private int[][] Transpose()
    {
        var lists = new List<int>[ItemCount];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        for (var u = 0; u < UserCount; u++)
        {
            foreach (var i in UserItems[u])
            {
                lists[i].Add(u);
            }
        }

        return lists.Select(l => l.ToArray()).ToArray();
    }
}
