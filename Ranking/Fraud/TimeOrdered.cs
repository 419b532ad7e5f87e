namespace LeadRecs.Ranking.Fraud;

/// <summary>Binary searches over lists kept in ascending time order (ticks), where late events are inserted in place.</summary>
internal static class TimeOrdered
{
    /// <summary>Inserts after every item at the same time, so equal times keep their arrival order; returns the index.</summary>
    public static int Insert<T>(List<T> items, T item, Func<T, long> ticks)
    {
        var index = UpperBound(items, ticks(item), ticks);
        items.Insert(index, item);
        return index;
    }

    /// <summary>The first index whose time is greater than <paramref name="value"/>.</summary>
    public static int UpperBound<T>(List<T> items, long value, Func<T, long> ticks)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (ticks(items[mid]) <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /// <summary>The first index whose time is at least <paramref name="value"/>.</summary>
    public static int LowerBound<T>(List<T> items, long value, Func<T, long> ticks)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (ticks(items[mid]) < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /// <summary>Drops items at or before <paramref name="cutoff"/> from the front, and the oldest beyond <paramref name="max"/>.</summary>
    public static void Trim<T>(List<T> items, long cutoff, int max, Func<T, long> ticks)
    {
        var stale = UpperBound(items, cutoff, ticks);
        // Trimming in chunks keeps the cost of removing from the front of a list amortised.
        var excess = items.Count - stale > max ? items.Count - stale - max + max / 4 : 0;
        var remove = Math.Min(items.Count, stale + excess);
        if (remove > 0)
        {
            items.RemoveRange(0, remove);
        }
    }
}
