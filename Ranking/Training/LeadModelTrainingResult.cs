using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>A trained, exported model and how it was made.</summary>
public sealed record LeadModelTrainingResult(
    ModelArtifact Artifact,
    RankingNetwork Network,
    TrainingSet TrainingSet,
    TrainingResult Training,
    TimeSpan BuildTime,
    TimeSpan TrainTime,
    TimeSpan ExportTime)
{
    public TimeSpan TotalTime => BuildTime + TrainTime + ExportTime;
}
