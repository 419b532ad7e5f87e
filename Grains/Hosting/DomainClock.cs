namespace LeadRecs.Grains.Hosting;

/// <summary>
/// The clock that decays features and timestamps rankings. It is separate from the <see cref="TimeProvider"/>
/// Orleans itself runs on, so tests can move domain time (days of decay) without freezing the silo's own timers.
/// </summary>
public sealed class DomainClock(TimeProvider provider)
{
    public static readonly DomainClock System = new(TimeProvider.System);

    public TimeProvider Provider { get; } = provider;

    public DateTimeOffset GetUtcNow() => Provider.GetUtcNow();
}
