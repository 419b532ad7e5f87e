using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>The simulated protocol: which market, how much of its history to train on, and how candidates are generated.</summary>
public sealed record SimulatedProtocolOptions
{
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>The model trains on the first part of the period only; ranking happens at the end with the full history.</summary>
    public double TrainFraction { get; init; } = 0.8;

    public int K { get; init; } = 10;

    public LeadModelTrainerOptions Trainer { get; init; } = new();

    /// <summary>As the grains' defaults (LeadRecsGrainOptions): the most popular leads of each planned cell.</summary>
    public int CandidatesPerCell { get; init; } = 120;

    public int TrendingCandidates { get; init; } = 100;

    /// <summary>Also report a ranker that reads the hidden preferences over the same candidates: the ceiling candidate generation allows.</summary>
    public bool IncludeOracle { get; init; } = true;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Simulation);
        ArgumentNullException.ThrowIfNull(Trainer);
        if (TrainFraction is <= 0 or > 1 || K < 1 || CandidatesPerCell < 1 || TrendingCandidates < 0)
        {
            throw new ArgumentException("Invalid simulated protocol options: " + this);
        }
    }
}
