namespace LeadRecs.Ranking.Training;

/// <summary>
/// A synchronous <see cref="IProgress{T}"/>: <see cref="Progress{T}"/> posts to a context or the thread pool,
/// so its reports could arrive out of order or after the work ended.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
