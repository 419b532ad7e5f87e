namespace LeadRecs.Ranking.Training;

public enum LeadModelTrainingStage
{
    BuildingTrainingSet = 0,
    Training = 1,
    Exporting = 2,
    Done = 3,
}
