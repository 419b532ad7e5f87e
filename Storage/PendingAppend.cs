using LeadRecs.Ranking.Domain;

namespace LeadRecs.Storage;

/// <summary>One caller's batch waiting for the background writer of <see cref="PostgresInteractionLog"/>.</summary>
internal sealed class PendingAppend
{
    private readonly TaskCompletionSource<AppendResult> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly CancellationTokenRegistration _cancellation;

    public PendingAppend(Interaction[] interactions, CancellationToken cancellationToken)
    {
        Interactions = interactions;
        // A caller that gives up stops waiting at once; if the writer already took the batch it may still commit,
        // which is harmless because a retry with the same event ids is idempotent.
        _cancellation = cancellationToken.Register(() => _completion.TrySetCanceled(cancellationToken));
    }

    public Interaction[] Interactions { get; }

    public Task<AppendResult> Completion => _completion.Task;

    /// <summary>True when the caller cancelled before the writer took the batch, so it need not be written.</summary>
    public bool IsAbandoned => _completion.Task.IsCompleted;

    public void Succeed(AppendResult result)
    {
        _completion.TrySetResult(result);
        _cancellation.Dispose();
    }

    public void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _cancellation.Dispose();
    }
}
