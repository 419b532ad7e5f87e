using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Training;

/// <summary>Models trained once on the tiny market, on the latest schema and on v1, shared by the scorer tests.</summary>
internal static class LeadModelFixture
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 2, 20, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<LeadModelTrainingResult> LatestModel = new(() => Train(FeatureSchemas.Latest, "7"));
    private static readonly Lazy<LeadModelTrainingResult> V1Model = new(() => Train(FeatureSchemas.V1, "1"));

    public static LeadModelTrainingResult Latest => LatestModel.Value;

    public static LeadModelTrainingResult OnV1 => V1Model.Value;

    public static LeadModelTrainerOptions Options(FeatureSchema schema, string version) => new()
    {
        ModelName = "test-ranker",
        ModelVersion = version,
        HiddenSizes = [16, 8],
        Trainer = new TrainerOptions { MaxEpochs = 2, BatchSize = 256 },
        TrainingSet = new TrainingSetOptions { Schema = schema },
        Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CreatedAt),
    };

    private static LeadModelTrainingResult Train(FeatureSchema schema, string version) =>
        new LeadModelTrainer(Options(schema, version)).Train(TinyMarket.History);
}
