using LeadRecs.Ranking.Evaluation.Data;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>A model the harness can fit on a <see cref="UserItemMatrix"/> and ask to score items for a user.</summary>
public interface IRecommender
{
    /// <summary>The name in tables and on <c>--models</c>.</summary>
    string Name { get; }

    /// <summary>The settings in use (after tuning), for the report.</summary>
    string Settings { get; }

    /// <summary>Learns from <paramref name="train"/>; may tune on <see cref="FitContext.Validation"/> first.</summary>
    void Fit(UserItemMatrix train, FitContext context);

    /// <summary>Higher is better. Thread-safe once fitted: protocols call it from Parallel.For.</summary>
    void Score(int user, ReadOnlySpan<int> items, Span<float> scores);
}
