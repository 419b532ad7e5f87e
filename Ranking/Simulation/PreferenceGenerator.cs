using System.Globalization;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Creates users whose hidden preferences are anchored on real leads, so every user wants something the
/// market actually offers. Each preference is widened until it matches enough leads that a perfect ranker
/// could fill a top 10 with relevant ones the user has not seen, even after some of them sell.
/// </summary>
internal static class PreferenceGenerator
{
    /// <summary>
    /// Relevant leads each user should have over the whole period. About one in ten sells during a month, and a
    /// user finds only half of the rest by browsing, so this leaves a top 10 of relevant leads the user has not seen.
    /// </summary>
    public const int TargetRelevantLeads = 40;

    private const double MaxRadiusKm = 20;

    public static List<UserState> Create(SimulationOptions options, IReadOnlyList<Lead> leads, LeadGrid grid)
    {
        var users = new List<UserState>(options.UserCount);
        var buffer = new List<int>();
        for (var u = 0; u < options.UserCount; u++)
        {
            var random = DeterministicRandom.For(options.Seed, "user", u);
            var anchor = leads[random.Next(leads.Count)];
            var hidden = CreateHiddenPreference(anchor, leads, grid, buffer, random);
            var initial = DriftBack(hidden, random);
            var user = new SimulatedUser(
                "user-" + (u + 1).ToString(CultureInfo.InvariantCulture),
                hidden,
                initial,
                Activity: Math.Round(random.NextLogNormalUnitMean(0.6), 4),
                Exploration: Math.Round(random.NextDouble(0.25, 0.35), 4));
            var state = new UserState(
                user,
                activeDayShare: random.NextDouble(0.35, 0.9),
                clickiness: random.NextLogNormalUnitMean(0.3),
                inquisitiveness: random.NextLogNormalUnitMean(0.3));
            PreferencePool.Fill(state, leads, grid, buffer, random.NextUInt64());
            users.Add(state);
        }
        return users;
    }

    private static HiddenPreference CreateHiddenPreference(
        Lead anchor, IReadOnlyList<Lead> leads, LeadGrid grid, List<int> buffer, DeterministicRandom random)
    {
        var kinds = new List<LeadKind> { anchor.Kind };
        // Rare kinds alone would leave too few matches; people who want land would look at houses too.
        if (anchor.Kind != LeadKind.House || random.Chance(0.4))
        {
            kinds.Add(Companion(anchor.Kind));
        }
        var minBedrooms = kinds.All(k => k is LeadKind.Land or LeadKind.Commercial)
            ? 0
            : Math.Clamp((anchor.Bedrooms ?? 3) - 1 - random.Next(2), 0, 5);
        // Rounded like the CSV prints them, so a preference read back from users.csv is the same preference.
        var lat = Math.Round(anchor.Lat + random.NextGaussian() * 0.4 / 111.195, 6);
        var lon = Math.Round(anchor.Lon + random.NextGaussian() * 0.4 / (111.195 * Math.Cos(anchor.Lat * Math.PI / 180)), 6);
        var minPrice = RoundPrice(anchor.Price * random.NextDouble(0.65, 0.85));
        var maxPrice = RoundPrice(anchor.Price * random.NextDouble(1.15, 1.45));
        var radius = Math.Round(random.NextDouble(0.8, 1.6), 3);

        var preference = new HiddenPreference(lat, lon, radius, minPrice, maxPrice, kinds, minBedrooms);
        while (CountRelevant(preference, leads, grid, buffer) < TargetRelevantLeads && radius < MaxRadiusKm)
        {
            radius = Math.Min(MaxRadiusKm, Math.Round(radius * 1.25, 3));
            preference = new HiddenPreference(lat, lon, radius, minPrice, maxPrice, kinds, minBedrooms);
        }
        for (var widen = 0; widen < 4 && CountRelevant(preference, leads, grid, buffer) < TargetRelevantLeads; widen++)
        {
            minPrice = RoundPrice(minPrice / 1.15);
            maxPrice = RoundPrice(maxPrice * 1.15);
            preference = new HiddenPreference(lat, lon, radius, minPrice, maxPrice, kinds, minBedrooms);
        }
        if (CountRelevant(preference, leads, grid, buffer) < TargetRelevantLeads && !kinds.Contains(LeadKind.House))
        {
            // A niche taste in a thin market: settle for houses as well, whatever the bedrooms.
            kinds.Add(LeadKind.House);
            preference = new HiddenPreference(lat, lon, radius, minPrice, maxPrice, kinds, 0);
        }
        return preference;
    }

    /// <summary>
    /// The preference on day one. Over the period the user's budget moves by -3% to +8% and the search area
    /// shifts by up to 0.3 of its radius; the hidden preference is where they end up.
    /// </summary>
    private static HiddenPreference DriftBack(HiddenPreference hidden, DeterministicRandom random)
    {
        var budgetChange = Math.Exp(random.NextDouble(-0.03, 0.08));
        var shiftKm = random.NextDouble(0, 0.3) * hidden.RadiusKm;
        var bearing = random.NextDouble(0, 2 * Math.PI);
        var lat = Math.Round(hidden.CenterLat + shiftKm * Math.Cos(bearing) / 111.195, 6);
        var lon = Math.Round(hidden.CenterLon + shiftKm * Math.Sin(bearing) / (111.195 * Math.Cos(hidden.CenterLat * Math.PI / 180)), 6);
        return new HiddenPreference(
            lat, lon, hidden.RadiusKm, RoundPrice(hidden.MinPrice / budgetChange), RoundPrice(hidden.MaxPrice / budgetChange), hidden.Kinds, hidden.MinBedrooms);
    }

    private static int CountRelevant(HiddenPreference preference, IReadOnlyList<Lead> leads, LeadGrid grid, List<int> buffer)
    {
        buffer.Clear();
        // IsRelevant checks kind and price before it computes a distance, so the cheap superset is enough.
        grid.Candidates(preference.CenterLat, preference.CenterLon, preference.RadiusKm, buffer);
        var count = 0;
        foreach (var i in buffer)
        {
            if (preference.IsRelevant(leads[i]))
            {
                count++;
            }
        }
        return count;
    }

    private static LeadKind Companion(LeadKind kind) => kind switch
    {
        LeadKind.House => LeadKind.Townhouse,
        LeadKind.Townhouse => LeadKind.House,
        LeadKind.Condo => LeadKind.Townhouse,
        LeadKind.Land => LeadKind.House,
        LeadKind.Commercial => LeadKind.Multifamily,
        LeadKind.Multifamily => LeadKind.House,
        _ => LeadKind.House,
    };

    private static double RoundPrice(double price) => Math.Max(1_000, Math.Round(price / 1_000) * 1_000);
}
