using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>Vectorised, labelled rows in time order, with where each came from.</summary>
public sealed class TrainingSet(FeatureSchema schema, TrainingData data, IReadOnlyList<TrainingRow> rows, string source)
{
    public FeatureSchema Schema { get; } = schema;

    public TrainingData Data { get; } = data;

    /// <summary>Provenance of each row of <see cref="Data"/>, same order.</summary>
    public IReadOnlyList<TrainingRow> Rows { get; } = rows;

    public string Source { get; } = source;

    public int Count => Data.Rows;

    public int Positives => Data.PositiveCount();

    public int Impressions => Rows.Count(r => r.Source == ExampleSource.Impression);

    public DateTimeOffset? From => Rows.Count == 0 ? null : Rows[0].At;

    public DateTimeOffset? To => Rows.Count == 0 ? null : Rows[^1].At;

    /// <summary>The manifest's description of this data; train and validation counts come from the trainer.</summary>
    public TrainingDataSummary Summarise(int trainRows, int validationRows) =>
        new(Count, Positives, trainRows, validationRows, From, To, Source);
}
