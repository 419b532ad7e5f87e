namespace LeadRecs.Ranking.Training;

/// <summary>Where row r of a <see cref="TrainingSet"/> comes from: the interaction it was made at and the lead it scores.</summary>
/// <param name="InteractionIndex">Index into the history's interactions; features are as of just before it.</param>
public readonly record struct TrainingRow(int InteractionIndex, string UserId, string LeadId, DateTimeOffset At, ExampleSource Source);
