namespace LeadRecs.Ranking.Simulation;

/// <summary>A user's behaviour parameters and browsing pool while the simulation runs.</summary>
internal sealed class UserState(SimulatedUser user, double activeDayShare, double clickiness, double inquisitiveness)
{
    public SimulatedUser User { get; } = user;

    /// <summary>Chance that the user browses at all on a given day.</summary>
    public double ActiveDayShare { get; } = activeDayShare;

    /// <summary>Multiplier on click probabilities (mean 1 over users).</summary>
    public double Clickiness { get; } = clickiness;

    /// <summary>Multiplier on inquiry probabilities (mean 1 over users).</summary>
    public double Inquisitiveness { get; } = inquisitiveness;

    /// <summary>Leads in and around the user's area that are worth browsing, best first.</summary>
    public int[] Pool { get; set; } = [];

    /// <summary>Affinity of each pool lead under the initial preference.</summary>
    public float[] PoolAffinityStart { get; set; } = [];

    /// <summary>Affinity of each pool lead under the hidden (final) preference.</summary>
    public float[] PoolAffinityEnd { get; set; } = [];
}
