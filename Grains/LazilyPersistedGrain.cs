using LeadRecs.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace LeadRecs.Grains;

/// <summary>
/// A grain whose state is an aggregate of the interaction log (popularity, demand, indexes): cheap to rebuild,
/// expensive to write on every event. Changes are marked dirty and written by a timer and on deactivation;
/// a crash can lose at most one flush interval of aggregates, never an acknowledged interaction.
/// </summary>
public abstract class LazilyPersistedGrain<TState>(IPersistentState<TState> state, IOptions<LeadRecsGrainOptions> options)
    : Grain
{
    private bool _dirty;

    protected IPersistentState<TState> Persisted { get; } = state;

    protected LeadRecsGrainOptions Options { get; } = options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushIfDirtyAsync, new GrainTimerCreationOptions
        {
            DueTime = Options.FlushInterval,
            Period = Options.FlushInterval,
            Interleave = false,
            KeepAlive = false,
        });
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushIfDirtyAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected void MarkDirty() => _dirty = true;

    /// <summary>Writes now: for changes a caller is promised are durable (an acknowledged upsert).</summary>
    protected async Task WriteNowAsync()
    {
        await Persisted.WriteStateAsync();
        _dirty = false;
    }

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteNowAsync();
        }
    }
}
