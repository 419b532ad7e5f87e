using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// What a model gets besides its training data: the seed, where progress bars go (null: silent), the validation
/// protocol carved from the training data for tuning (null: use defaults), and the thread budget.
/// </summary>
public sealed record FitContext(
    int Seed,
    TextWriter? Progress = null,
    EvaluationProtocol? Validation = null,
    int MaxDegreeOfParallelism = 0,
    CancellationToken CancellationToken = default)
{
    public int Threads => MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;
}
