using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// One day of browsing. A user who is active that day opens one session, views leads (mostly from their taste
/// pool, the rest exploration: popular or random leads), and clicks and inquires with probabilities that rise
/// steeply with affinity. Each user-day draws from its own random stream, and popularity is read from the
/// previous day only, so one user's day never depends on the order users are processed in.
/// </summary>
internal sealed class DailyBrowsing(SimulationOptions options, IReadOnlyList<LeadState> leads)
{
    private const int SecondsPerDay = 86_400;
    private const double FirstSessionStart = 7 * 3600;
    private const double LastSessionStart = 21 * 3600;

    private readonly double[] _cumulative = new double[PreferencePool.Size];
    private readonly List<int> _visible = [];
    private List<int> _viewedYesterday = [];
    private List<int> _viewedToday = [];
    private int _day;
    private long _dayStartTicks;
    private double _drift;

    public void BeginDay(int day, DateTimeOffset dayStart)
    {
        _day = day;
        _dayStartTicks = dayStart.Ticks;
        // How far tastes have moved from the initial towards the hidden preference, at midday.
        _drift = (day + 0.5) / options.Days;
        (_viewedYesterday, _viewedToday) = (_viewedToday, _viewedYesterday);
        _viewedToday.Clear();
        _visible.Clear();
        for (var i = 0; i < leads.Count; i++)
        {
            if (leads[i].IsVisibleOn(day))
            {
                _visible.Add(i);
            }
        }
    }

    public void Browse(UserState user, int userIndex, List<RawEvent> events)
    {
        var random = DeterministicRandom.For(options.Seed, "browse", userIndex, _day);
        if (_visible.Count == 0 || !random.Chance(user.ActiveDayShare))
        {
            return;
        }
        var views = random.NextPoisson(options.ViewsPerUserPerDay * user.User.Activity / user.ActiveDayShare);
        var poolWeight = BuildPoolWeights(user);
        var seconds = random.NextDouble(FirstSessionStart, LastSessionStart);
        var sequence = 0;
        for (var v = 0; v < views; v++)
        {
            seconds += 20 + random.NextExponential(70);
            if (seconds >= SecondsPerDay)
            {
                break;
            }
            double affinity;
            int lead;
            if (poolWeight > 0 && !random.Chance(user.User.Exploration))
            {
                var k = PickFromPool(user, poolWeight, random);
                lead = user.Pool[k];
                affinity = Lerp(user.PoolAffinityStart[k], user.PoolAffinityEnd[k]);
            }
            else
            {
                lead = Explore(random);
                affinity = Lerp(user.User.InitialPreference.Affinity(leads[lead].Lead), user.User.HiddenPreference.Affinity(leads[lead].Lead));
            }
            _viewedToday.Add(lead);
            events.Add(new RawEvent(Ticks(seconds), userIndex, sequence++, lead, InteractionKind.View));

            if (random.Chance(Math.Min(0.95, user.Clickiness * (0.015 + 0.25 * affinity * affinity))))
            {
                seconds = Math.Min(SecondsPerDay - 1, seconds + 3 + random.NextExponential(20));
                events.Add(new RawEvent(Ticks(seconds), userIndex, sequence++, lead, InteractionKind.Click));
                if (random.Chance(Math.Min(0.9, user.Inquisitiveness * (0.02 + 0.2 * affinity * affinity * affinity))))
                {
                    // Writing to the agent takes a while; the session goes on afterwards.
                    seconds = Math.Min(SecondsPerDay - 1, seconds + 30 + random.NextExponential(240));
                    events.Add(new RawEvent(Ticks(seconds), userIndex, sequence++, lead, InteractionKind.Inquiry));
                    leads[lead].RecentInquiries += 1;
                }
            }
        }
    }

    /// <summary>Cumulative weights of today's visible pool leads; cubed affinity so strong matches dominate.</summary>
    private double BuildPoolWeights(UserState user)
    {
        var total = 0.0;
        for (var k = 0; k < user.Pool.Length; k++)
        {
            if (leads[user.Pool[k]].IsVisibleOn(_day))
            {
                var a = Lerp(user.PoolAffinityStart[k], user.PoolAffinityEnd[k]);
                total += a * a * a;
            }
            _cumulative[k] = total;
        }
        return total;
    }

    /// <summary>The first pool lead whose cumulative weight passes a uniform target: never a zero-weight (invisible) one.</summary>
    private int PickFromPool(UserState user, double total, DeterministicRandom random)
    {
        var target = random.NextDouble() * total;
        int low = 0, high = user.Pool.Length - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_cumulative[mid] > target)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    /// <summary>Half the exploration follows the crowd (yesterday's views), half is a random listing.</summary>
    private int Explore(DeterministicRandom random)
    {
        if (_viewedYesterday.Count > 0 && random.Chance(0.5))
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var lead = _viewedYesterday[random.Next(_viewedYesterday.Count)];
                if (leads[lead].IsVisibleOn(_day))
                {
                    return lead;
                }
            }
        }
        return _visible[random.Next(_visible.Count)];
    }

    private double Lerp(double start, double end) => start + (end - start) * _drift;

    private long Ticks(double seconds) => _dayStartTicks + (long)Math.Min(SecondsPerDay - 1, seconds) * TimeSpan.TicksPerSecond;
}
