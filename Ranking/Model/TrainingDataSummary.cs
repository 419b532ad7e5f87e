namespace LeadRecs.Ranking.Model;

/// <summary>What a model was trained on; the time range and source are the integrator's to fill in.</summary>
public sealed record TrainingDataSummary(
    long Rows,
    long Positives,
    long TrainRows,
    long ValidationRows,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Source = null);
