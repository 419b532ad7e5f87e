using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains;

/// <summary>
/// A grain whose state is derived from the interaction log (popularity, demand, indexes, a user's features): expensive
/// to write on every event. Changes are marked dirty and written by a timer and on deactivation; a crash loses at most
/// one flush interval of the state, never an acknowledged interaction, and the grains rebuild what it lost (user and
/// lead grains replay their log rows after a persisted position, cells ask their leads; Storage/README.md).
/// </summary>
public abstract class LazilyPersistedGrain<TState>(IPersistentState<TState> state, IOptions<LeadRecsGrainOptions> options)
    : Grain
{
    private bool _dirty;

    protected IPersistentState<TState> Persisted { get; } = state;

    protected LeadRecsGrainOptions Options { get; } = options.Value;

    /// <summary>How often a dirty state is written.</summary>
    protected virtual TimeSpan FlushInterval => Options.FlushInterval;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushQuietlyAsync, new GrainTimerCreationOptions
        {
            DueTime = FlushInterval,
            Period = FlushInterval,
            Interleave = false,
            KeepAlive = false,
        });
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushQuietlyAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected void MarkDirty() => _dirty = true;

    /// <summary>Writes now: for changes a caller is promised are durable (an acknowledged upsert).</summary>
    protected Task WriteNowAsync() => WriteAsync(CancellationToken.None);

    private Task FlushIfDirtyAsync(CancellationToken cancellationToken) =>
        _dirty ? WriteAsync(cancellationToken) : Task.CompletedTask;

    // A write behind that finds the database down stays dirty and is tried again on the next tick; the storage logged
    // the outage once. Nothing is lost by waiting: the log holds what these states are derived from. Orleans would
    // otherwise log a stack trace per grain per tick. A deactivation during the outage loses the unwritten state as a
    // crash would: aggregates, never an acknowledged interaction (a user grain replays its rows from the log).
    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushIfDirtyAsync(cancellationToken);
        }
        catch (DependencyUnavailableException)
        {
        }
    }

    // A refused write (InconsistentStateException: another activation of this grain wrote meanwhile, a brief duplicate
    // during a membership change) is let through: Orleans then deactivates this activation, whose copy is stale and
    // whose every later write would be refused too, and the next call starts from the stored state. That holds for a
    // timer tick as for a call; do not catch it here.
    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await Persisted.WriteStateAsync(cancellationToken);
        _dirty = false;
    }
}
