using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// The leads of the last N interactions by anyone, as a ring: a uniform pick from it is a pick in proportion to
/// recent popularity. Only interactions already replayed are in it, so sampling from it never looks ahead.
/// </summary>
internal sealed class RecentLeadWindow(int capacity)
{
    private const int Attempts = 8;

    private readonly int[] _leads = new int[capacity];
    private int _count;
    private int _next;

    public void Add(int lead)
    {
        _leads[_next] = lead;
        _next = (_next + 1) % _leads.Length;
        _count = Math.Min(_count + 1, _leads.Length);
    }

    /// <summary>A recent lead that passes <paramref name="accept"/>, or null after a few misses.</summary>
    public int? Sample(SplitMix64 random, Func<int, bool> accept)
    {
        for (var attempt = 0; attempt < Attempts && _count > 0; attempt++)
        {
            var lead = _leads[random.NextInt(_count)];
            if (accept(lead))
            {
                return lead;
            }
        }
        return null;
    }
}
