using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>Puts the source's leads on the simulated calendar and gives each its local price trend.</summary>
internal static class MarketLeads
{
    public const string KcHouseSource = "kc-house";
    public const string SyntheticSource = "synthetic";

    public static List<LeadState> Create(SimulationOptions options, out string source)
    {
        var seeds = LoadSeeds(options, out source);
        var drift = new PriceDriftField(seeds.Select(s => s.Lead).ToList(), DeterministicRandom.For(options.Seed, "drift"));
        var random = DeterministicRandom.For(options.Seed, "listing");
        // New listings keep arriving at a steady rate; over 30 days about one lead in eight is new.
        var newShare = options.Days > 1 ? Math.Min(0.5, options.Days * 0.004) : 0;
        var leads = new List<LeadState>(seeds.Count);
        foreach (var seed in seeds)
        {
            var lead = seed.Lead;
            var trend = drift.DailyRate(lead.Lat, lead.Lon);
            if (random.Chance(newShare))
            {
                // Listed during the period, before anyone browses that day, priced by the market of that day.
                var day = 1 + random.Next(options.Days - 1);
                var listedAt = WholeSeconds(options.Start.AddDays(day).AddHours(random.NextDouble(0, 7)));
                var price = Math.Round(lead.Price * Math.Exp(trend * day) / 1_000) * 1_000;
                leads.Add(new LeadState(lead with { ListedAt = listedAt, Price = price, Status = LeadStatus.Active }, day, trend));
            }
            else
            {
                // Already on the market: somewhere between fresh and its typical time to sell.
                var age = random.NextDouble() * seed.DaysOnMarket;
                var listedAt = WholeSeconds(options.Start.AddDays(-age));
                leads.Add(new LeadState(lead with { ListedAt = listedAt, Status = LeadStatus.Active }, -(int)Math.Floor(age), trend));
            }
        }
        return leads;
    }

    private static List<SeedLead> LoadSeeds(SimulationOptions options, out string source)
    {
        var path = options.UseKcHouse ? options.KcHousePath ?? KcHouseReader.Locate() : null;
        if (path is null)
        {
            source = SyntheticSource;
            return SyntheticCity.Generate(options.LeadCount, DeterministicRandom.For(options.Seed, "city"));
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The kc-house file given in the options does not exist.", path);
        }
        source = KcHouseSource;
        var sales = KcHouseReader.ReadSales(path);
        return Sample(sales.Count, options.LeadCount, DeterministicRandom.For(options.Seed, "sample"))
            .Select(i => new SeedLead(sales[i].Lead, sales[i].DaysOnMarket))
            .ToList();
    }

    /// <summary>A uniform sample of row indices, in file order so lead ids stay sorted.</summary>
    private static int[] Sample(int available, int wanted, DeterministicRandom random)
    {
        var all = Enumerable.Range(0, available).ToArray();
        if (wanted >= available)
        {
            return all;
        }
        for (var i = 0; i < wanted; i++)
        {
            var j = i + random.Next(available - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var chosen = all[..wanted];
        Array.Sort(chosen);
        return chosen;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) =>
        new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);
}
