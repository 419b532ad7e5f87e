namespace LeadRecs.Ranking.Evaluation.Progress;

/// <summary>
/// Calls the handler on the reporting thread. <see cref="Progress{T}"/> posts to the thread pool instead, which
/// can draw lines out of order or after the work has finished.
/// </summary>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
