namespace LeadRecs.Storage;

/// <summary>Which interactions a read of the log returns with respect to the fraud filter's flags.</summary>
public enum FlaggedInteractions
{
    /// <summary>Only interactions with no flag: what training, drift statistics and rebuilt aggregates read.</summary>
    Exclude,

    /// <summary>Everything, flags included in <c>Interaction.Flags</c>.</summary>
    Include,

    /// <summary>Only flagged interactions (for review).</summary>
    Only,
}
