using System.Text.Json.Serialization;

namespace LeadRecs.Grains.State;

/// <summary>
/// How far a user (lead) grain's state has got through its user's (lead's) rows of the interaction log: every row at or
/// below <see cref="Position"/> is in the state (flagged rows excepted, they count for nothing), and so are the rows at
/// <see cref="AppliedAfter"/>. A grain that starts from this state replays the rest. Stored as JSON.
/// </summary>
public sealed class LogProgress
{
    /// <summary>
    /// How many positions above <see cref="Position"/> a grain keeps before it reads the log to move
    /// <see cref="Position"/> up: bounds the state, costs one indexed read per this many events of the user (lead).
    /// </summary>
    public const int MaxAppliedAfter = 256;

    private HashSet<long>? _index;

    /// <summary>Null until the grain first knows it: a new grain, or a state written before positions were kept.</summary>
    public long? Position { get; set; }

    /// <summary>Positions above <see cref="Position"/> already in the state (delivered out of order, or not yet caught up).</summary>
    public List<long> AppliedAfter { get; set; } = [];

    [JsonIgnore]
    private HashSet<long> Index => _index ??= [.. AppliedAfter];

    /// <summary>Whether the row at <paramref name="position"/> is already in the state.</summary>
    public bool Covers(long position) => position <= (Position ?? 0) || Index.Contains(position);

    /// <summary>Records that the row at <paramref name="position"/> is now in the state.</summary>
    public void Add(long position)
    {
        if (!Covers(position))
        {
            Index.Add(position);
            AppliedAfter.Add(position);
        }
    }

    /// <summary>
    /// Moves <see cref="Position"/> up to <paramref name="position"/>: only once every row of the user (lead) up to it is known
    /// to be in the state (a read of the log after it).
    /// </summary>
    public void AdvanceTo(long position)
    {
        if (Position is { } current && current >= position)
        {
            return;
        }
        Position = position;
        if (AppliedAfter.RemoveAll(p => p <= position) > 0)
        {
            _index = null;
        }
    }
}
