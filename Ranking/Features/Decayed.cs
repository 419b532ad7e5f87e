namespace LeadRecs.Ranking.Features;

/// <summary>
/// An exponentially time-decayed quantity: recent behaviour counts more than old behaviour, and nothing has to
/// run on a timer to age it — the decay is applied lazily whenever the value is read or added to.
/// </summary>
public readonly record struct Decayed(double Value, DateTimeOffset AsOf)
{
    public static readonly Decayed Zero = new(0, DateTimeOffset.MinValue);

    /// <summary>The value as seen at <paramref name="now"/>. Reading at a time before <see cref="AsOf"/> does not grow it.</summary>
    public double ValueAt(DateTimeOffset now, TimeSpan halfLife)
    {
        if (Value == 0 || now <= AsOf)
        {
            return Value;
        }
        return Value * Factor(now - AsOf, halfLife);
    }

    /// <summary>
    /// Adds <paramref name="amount"/> observed at <paramref name="at"/>. An observation older than
    /// <see cref="AsOf"/> (events arrive out of order) is decayed to <see cref="AsOf"/> instead of moving time back.
    /// </summary>
    public Decayed Add(double amount, DateTimeOffset at, TimeSpan halfLife)
    {
        if (AsOf == DateTimeOffset.MinValue || Value == 0 && at >= AsOf)
        {
            return new Decayed(amount, at);
        }
        if (at >= AsOf)
        {
            return new Decayed(Value * Factor(at - AsOf, halfLife) + amount, at);
        }
        return new Decayed(Value + amount * Factor(AsOf - at, halfLife), AsOf);
    }

    /// <summary>2^(-elapsed / halfLife).</summary>
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        elapsed <= TimeSpan.Zero ? 1.0 : Math.Pow(2.0, -elapsed.TotalSeconds / halfLife.TotalSeconds);
}
