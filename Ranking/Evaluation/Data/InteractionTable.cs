namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Interaction rows in file order as parallel arrays (user and item are <see cref="IdMap"/> indexes). Without a
/// rating column every rating is 1; without a timestamp column every timestamp is 0 and file order breaks ties.
/// </summary>
public sealed class InteractionTable(int[] users, int[] items, float[] ratings, long[] timestamps, bool hasRatings, bool hasTimestamps)
{
    public int Count => Users.Length;

    public int[] Users { get; } = users;

    public int[] Items { get; } = items;

    public float[] Ratings { get; } = ratings;

    public long[] Timestamps { get; } = timestamps;

    public bool HasRatings { get; } = hasRatings;

    public bool HasTimestamps { get; } = hasTimestamps;

    /// <summary>The rows whose index passes <paramref name="keep"/>, order preserved.</summary>
    public InteractionTable Where(Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, Count).Where(keep).ToArray();
        return new InteractionTable(
            rows.Select(r => Users[r]).ToArray(),
            rows.Select(r => Items[r]).ToArray(),
            rows.Select(r => Ratings[r]).ToArray(),
            rows.Select(r => Timestamps[r]).ToArray(),
            HasRatings,
            HasTimestamps);
    }
}
