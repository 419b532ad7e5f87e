using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Mapping;
using LeadRecs.Ranking.Fraud;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Domain = LeadRecs.Ranking.Domain;

namespace LeadRecs.Grains.Fraud;

/// <summary>
/// Hosts a user's <see cref="UserBehaviourDetector"/>. Recent events live in memory (lost on unload, which only
/// shortens the windows for a while); reasons and quarantine are persisted whenever they change materially, so a
/// flagged user stays flagged. Remembers its last verdicts by event id, so a retried batch gets the same answer.
/// </summary>
[CollectionAgeLimit(Hours = 2)]
public sealed class UserScreenGrain(
    [PersistentState("userScreen", LeadRecsGrainOptions.StorageName)] IPersistentState<UserScreenState> state,
    IOptions<FraudOptions> options,
    FraudMetrics metrics,
    ILogger<UserScreenGrain> logger)
    : Grain, IUserScreenGrain
{
    private const int RememberedVerdicts = 2048;
    private const long ReportEveryFlaggedEvents = 100;

    private readonly UserBehaviourDetector _detector = new(options.Value);
    private readonly Dictionary<string, InteractionFlags> _verdicts = new(StringComparer.Ordinal);
    private readonly Queue<string> _verdictOrder = new();
    private long _reportedFlaggedEvents;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            _detector.Restore(state.State.ToStatus());
            _reportedFlaggedEvents = state.State.FlaggedEvents;
        }
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ScreenVerdict> ScreenAsync(IReadOnlyList<ScreenItem> items)
    {
        var flags = new InteractionFlags[items.Count];
        var fresh = new List<int>(items.Count);
        var firstOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new List<(int Index, int First)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].EventId is not { } id)
            {
                fresh.Add(i);
            }
            else if (_verdicts.TryGetValue(id, out var known))
            {
                flags[i] = known;
            }
            else if (firstOfId.TryGetValue(id, out var first))
            {
                repeats.Add((i, first));
            }
            else
            {
                firstOfId[id] = i;
                fresh.Add(i);
            }
        }

        var reasonsBefore = _detector.Reasons;
        var verdicts = _detector.ScreenAll(fresh
            .Select(i => new ScreenedEvent(items[i].LeadId, items[i].Kind.ToDomain(), items[i].At, items[i].EventId, items[i].LockstepHit))
            .ToArray());
        for (var j = 0; j < fresh.Count; j++)
        {
            var i = fresh[j];
            flags[i] = verdicts[j].ToContract();
            Remember(items[i].EventId, flags[i]);
            if (flags[i] != InteractionFlags.None)
            {
                metrics.FlaggedEvent(flags[i], retroactive: false);
            }
        }
        foreach (var (index, first) in repeats)
        {
            flags[index] = flags[first];
        }
        metrics.Screened(fresh.Count);

        var retroactive = _detector.TakeRetroactive()
            .Select(r => new InteractionEvent(UserId, r.LeadId, r.Kind.ToContract(), r.At, r.EventId, Flags: r.Flags.ToContract()))
            .ToArray();
        foreach (var late in retroactive)
        {
            Remember(late.EventId, late.Flags, overwrite: true);
            metrics.FlaggedEvent(late.Flags, retroactive: true);
        }

        var newReasons = _detector.Reasons & ~reasonsBefore;
        if (newReasons != Domain.InteractionFlags.None)
        {
            metrics.FlaggedUser(newReasons.ToContract());
        }
        await SaveIfChangedAsync();
        await ReportIfDueAsync(newReasons != Domain.InteractionFlags.None);
        return new ScreenVerdict(flags, retroactive);
    }

    private void Remember(string? eventId, InteractionFlags flags, bool overwrite = false)
    {
        if (eventId is null)
        {
            return;
        }
        if (_verdicts.ContainsKey(eventId))
        {
            if (overwrite)
            {
                _verdicts[eventId] = flags;
            }
            return;
        }
        if (overwrite)
        {
            return; // a retroactive flag for a verdict long forgotten: the log and aggregates take it; nothing to correct here
        }
        _verdicts[eventId] = flags;
        _verdictOrder.Enqueue(eventId);
        if (_verdictOrder.Count > RememberedVerdicts)
        {
            _verdicts.Remove(_verdictOrder.Dequeue());
        }
    }

    /// <summary>
    /// Writes when the reasons change or the quarantine moves by more than an hour: a bot that keeps tripping the rules
    /// extends its quarantine with every batch, and a write per batch would buy nothing.
    /// </summary>
    private async Task SaveIfChangedAsync()
    {
        var now = _detector.Status;
        var saved = state.State;
        var moved = (now.QuarantineUntil ?? DateTimeOffset.MinValue) - (saved.QuarantineUntil ?? DateTimeOffset.MinValue);
        if (now.Reasons == saved.Reasons && now.QuarantineFrom == saved.QuarantineFrom && moved <= TimeSpan.FromHours(1))
        {
            return;
        }
        state.State = UserScreenState.From(now);
        await state.WriteStateAsync();
    }

    private async Task ReportIfDueAsync(bool newReasons)
    {
        var status = _detector.Status;
        if (status.FirstFlaggedAt is not { } first || status.LastFlaggedAt is not { } last
            || !newReasons && status.FlaggedEvents - _reportedFlaggedEvents < ReportEveryFlaggedEvents)
        {
            return;
        }
        try
        {
            await GrainFactory.GetGrain<IFlaggedUsersGrain>(IFlaggedUsersGrain.Key).ReportAsync(
                new FlaggedUser(UserId, status.Reasons.ToContract(), first, last, status.FlaggedEvents, status.ScreenedEvents));
            _reportedFlaggedEvents = status.FlaggedEvents;
        }
        catch (Exception ex)
        {
            // The list of flagged users is for people to look at; the flags themselves are already decided.
            logger.LogWarning(ex, "Could not report flagged user {UserId}", UserId);
        }
    }
}
