using System.Globalization;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation.Bots;

/// <summary>
/// Adds bot accounts and their events to a simulated market. The market itself is not touched, so the same
/// simulation options still give the same people, events and relevance; bots draw from their own random streams
/// (keyed by <see cref="BotOptions.Seed"/>, kind, account and day), so the same bot options give the same bots.
/// Each kind shows one pattern of <see cref="BotKind"/> at the rates documented there and in <c>Ranking/Fraud/README.md</c>.
/// </summary>
public static class BotInjector
{
    private const double SecondsPerDay = 86_400;

    public static BotMarket Inject(SimulatedMarket market, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var leads = market.Leads;
        var promoted = PickPromoted(market, options);
        var accounts = CreateAccounts(options);
        var raw = new List<BotEvent>();
        for (var day = 0; day < market.Options.Days; day++)
        {
            var dayStart = market.Start.AddDays(day);
            var index = 0;
            foreach (var (kind, count) in KindCounts(options))
            {
                for (var i = 0; i < count; i++, index++)
                {
                    var random = DeterministicRandom.For(options.Seed, "bot-" + kind, i, day);
                    var context = new DayContext(leads, promoted, dayStart, random, raw);
                    switch (kind)
                    {
                        case BotKind.Scraper: Scrape(context, index); break;
                        case BotKind.Metronome: Tick(context, index, PeriodOf(options, i)); break;
                        case BotKind.Hammer: Hammer(context, index, promoted[i % promoted.Count]); break;
                        case BotKind.InquirySpammer: Spam(context, index); break;
                    }
                }
            }
            for (var farm = 0; farm < options.LockstepFarms; farm++)
            {
                var random = DeterministicRandom.For(options.Seed, "bot-farm", farm, day);
                var first = index + farm * options.FarmSize;
                Farm(new DayContext(leads, promoted, dayStart, random, raw), first, options.FarmSize);
            }
        }

        raw.Sort();
        var interactions = new List<Interaction>(market.Interactions.Count + raw.Count);
        var humans = market.Interactions;
        var h = 0;
        var n = 0;
        foreach (var e in raw)
        {
            while (h < humans.Count && humans[h].At.UtcTicks <= e.Ticks)
            {
                interactions.Add(humans[h++]);
            }
            interactions.Add(new Interaction(
                accounts[e.Account].Id,
                leads[e.Lead].Id,
                e.Kind,
                new DateTimeOffset(e.Ticks, TimeSpan.Zero),
                EventId: string.Create(CultureInfo.InvariantCulture, $"bot-{options.Seed}-{++n}")));
        }
        while (h < humans.Count)
        {
            interactions.Add(humans[h++]);
        }
        return new BotMarket(market, options, accounts, interactions, promoted.Select(p => leads[p].Id).ToList());
    }

    private static IEnumerable<(BotKind Kind, int Count)> KindCounts(BotOptions o) =>
    [
        (BotKind.Scraper, o.Scrapers),
        (BotKind.Metronome, o.Metronomes),
        (BotKind.Hammer, o.Hammers),
        (BotKind.InquirySpammer, o.InquirySpammers),
    ];

    private static List<BotAccount> CreateAccounts(BotOptions options)
    {
        var accounts = new List<BotAccount>(options.Accounts);
        foreach (var (kind, count) in KindCounts(options))
        {
            var name = kind.ToString().ToLowerInvariant();
            for (var i = 1; i <= count; i++)
            {
                accounts.Add(new BotAccount(Invariant($"bot-{name}-{i}"), kind, options.SharedClient ? BotOptions.HumanClient : Invariant($"{name}-{i}")));
            }
        }
        for (var farm = 1; farm <= options.LockstepFarms; farm++)
        {
            for (var i = 1; i <= options.FarmSize; i++)
            {
                accounts.Add(new BotAccount(Invariant($"bot-farm{farm}-{i}"), BotKind.LockstepFarm,
                    options.SharedClient ? BotOptions.HumanClient : Invariant($"farm-{farm}")));
            }
        }
        return accounts;
    }

    /// <summary>Active leads listed from the start: what someone would pay to push up the rankings.</summary>
    private static List<int> PickPromoted(SimulatedMarket market, BotOptions options)
    {
        var eligible = Enumerable.Range(0, market.Leads.Count)
            .Where(i => market.Leads[i].Status == LeadStatus.Active && market.Leads[i].ListedAt <= market.Start)
            .ToList();
        var random = DeterministicRandom.For(options.Seed, "bot-promoted");
        var picked = new List<int>();
        while (picked.Count < options.PromotedLeads && eligible.Count > 0)
        {
            var k = random.Next(eligible.Count);
            picked.Add(eligible[k]);
            eligible.RemoveAt(k);
        }
        return picked.Count > 0 ? picked : [0];
    }

    /// <summary>A metronome's period is its own, fixed across days: 20 s to 2 min.</summary>
    private static double PeriodOf(BotOptions options, int i) =>
        DeterministicRandom.For(options.Seed, "bot-period", i).NextDouble(20, 120);

    // Scrapers: on half the days, one session of 5-20 minutes at about 40 views a minute, a few clicks.
    private static void Scrape(DayContext c, int account)
    {
        if (!c.Random.Chance(0.5))
        {
            return;
        }
        var (start, end) = c.Session(5 * 60, 20 * 60);
        for (var s = start; s < end; s += 0.3 + c.Random.NextExponential(1.2))
        {
            c.Add(s, account, c.AnyLead(s), c.Random.Chance(0.05) ? InteractionKind.Click : InteractionKind.View);
        }
    }

    // Metronomes: on 80% of days, 1-4 hours of views every period ±2%, a third of them on promoted leads.
    private static void Tick(DayContext c, int account, double period)
    {
        if (!c.Random.Chance(0.8))
        {
            return;
        }
        var (start, end) = c.Session(3600, 4 * 3600);
        for (var s = start; s < end; s += period * c.Random.NextDouble(0.98, 1.02))
        {
            var lead = c.Random.Chance(0.33) ? c.Promoted() : c.AnyLead(s);
            c.Add(s, account, lead, InteractionKind.View);
        }
    }

    // Hammers: on 80% of days, 1-3 hours on their lead, at irregular human gaps (10 s + 40 s on average).
    private static void Hammer(DayContext c, int account, int target)
    {
        if (!c.Random.Chance(0.8))
        {
            return;
        }
        var (start, end) = c.Session(3600, 3 * 3600);
        for (var s = start; s < end; s += 10 + c.Random.NextExponential(40))
        {
            if (c.Random.Chance(0.75))
            {
                c.Add(s, account, target, c.Random.Chance(0.6) ? InteractionKind.View : InteractionKind.Click);
            }
            else
            {
                c.Add(s, account, c.AnyLead(s), InteractionKind.View);
            }
        }
    }

    // Inquiry spammers: on 80% of days, 1-3 hours of view-then-inquire on listing after listing, every few minutes.
    private static void Spam(DayContext c, int account)
    {
        if (!c.Random.Chance(0.8))
        {
            return;
        }
        var (start, end) = c.Session(3600, 3 * 3600);
        for (var s = start; s < end; s += 60 + c.Random.NextExponential(150))
        {
            var lead = c.AnyLead(s);
            c.Add(s, account, lead, InteractionKind.View);
            c.Add(s + 5 + c.Random.NextExponential(20), account, lead, InteractionKind.Inquiry);
        }
    }

    // Farms: on 85% of days a script runs 2-5 hours; each step picks a lead (promoted half the time) and every
    // account views it within 4 seconds, 40% of them clicking a little later; the next step comes 30 s + 90 s on average later.
    private static void Farm(DayContext c, int firstAccount, int size)
    {
        if (!c.Random.Chance(0.85))
        {
            return;
        }
        var (start, end) = c.Session(2 * 3600, 5 * 3600);
        for (var s = start; s < end; s += 30 + c.Random.NextExponential(90))
        {
            var lead = c.Random.Chance(0.5) ? c.Promoted() : c.AnyLead(s);
            for (var a = 0; a < size; a++)
            {
                var at = s + c.Random.NextDouble(0, 4);
                c.Add(at, firstAccount + a, lead, InteractionKind.View);
                if (c.Random.Chance(0.4))
                {
                    c.Add(at + 5 + c.Random.NextExponential(10), firstAccount + a, lead, InteractionKind.Click);
                }
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One account-day's random stream and where its events go.</summary>
    private sealed class DayContext(IReadOnlyList<Lead> leads, List<int> promoted, DateTimeOffset dayStart, DeterministicRandom random, List<BotEvent> events)
    {
        private int _sequence;

        public DeterministicRandom Random { get; } = random;

        /// <summary>A session of the given length range starting any time of day (bots do not sleep), in seconds from midnight.</summary>
        public (double Start, double End) Session(double minSeconds, double maxSeconds)
        {
            var start = Random.NextDouble(0, SecondsPerDay - minSeconds);
            return (start, Math.Min(SecondsPerDay, start + Random.NextDouble(minSeconds, maxSeconds)));
        }

        public int Promoted() => promoted[Random.Next(promoted.Count)];

        /// <summary>A lead already listed at that moment.</summary>
        public int AnyLead(double seconds)
        {
            var at = dayStart.AddSeconds(seconds);
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var lead = Random.Next(leads.Count);
                if (leads[lead].ListedAt <= at)
                {
                    return lead;
                }
            }
            return promoted[0];
        }

        public void Add(double seconds, int account, int lead, InteractionKind kind)
        {
            if (seconds < SecondsPerDay)
            {
                // Millisecond timestamps, as a client's clock would stamp them.
                var ticks = dayStart.UtcTicks + (long)(seconds * 1000) * TimeSpan.TicksPerMillisecond;
                events.Add(new BotEvent(ticks, account, _sequence++, lead, kind));
            }
        }
    }

    private readonly record struct BotEvent(long Ticks, int Account, int Sequence, int Lead, InteractionKind Kind) : IComparable<BotEvent>
    {
        public int CompareTo(BotEvent other) =>
            Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks)
            : Account != other.Account ? Account.CompareTo(other.Account)
            : Sequence.CompareTo(other.Sequence);
    }
}
