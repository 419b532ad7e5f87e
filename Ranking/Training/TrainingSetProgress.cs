namespace LeadRecs.Ranking.Training;

/// <summary>Reported while a training set is built: interactions replayed so far and rows made.</summary>
public readonly record struct TrainingSetProgress(int Interactions, int TotalInteractions, int Rows);
