using System.Globalization;
using LeadRecs.Ranking.Domain;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// Leads for when kc-house is absent: neighbourhoods clustered around a centre, dearer per square metre near
/// the middle, condos and commercial downtown, houses and land further out. It sits where kc-house does (Seattle)
/// so demo maps and bounding boxes work with either source.
/// </summary>
internal static class SyntheticCity
{
    public const double CenterLat = 47.6062;
    public const double CenterLon = -122.3321;

    private const double KmPerDegreeLat = 111.195;

    private static readonly (LeadKind Kind, double Weight)[] Downtown =
        [(LeadKind.Condo, 45), (LeadKind.Townhouse, 20), (LeadKind.House, 15), (LeadKind.Commercial, 12), (LeadKind.Multifamily, 8)];

    private static readonly (LeadKind Kind, double Weight)[] Midtown =
        [(LeadKind.House, 55), (LeadKind.Townhouse, 20), (LeadKind.Condo, 12), (LeadKind.Multifamily, 8), (LeadKind.Commercial, 3), (LeadKind.Land, 2)];

    private static readonly (LeadKind Kind, double Weight)[] Outskirts =
        [(LeadKind.House, 70), (LeadKind.Land, 12), (LeadKind.Townhouse, 8), (LeadKind.Multifamily, 6), (LeadKind.Condo, 2), (LeadKind.Commercial, 2)];

    public static List<SeedLead> Generate(int count, DeterministicRandom random)
    {
        var hoods = CreateNeighbourhoods(count, random);
        var totalWeight = hoods.Sum(h => h.Weight);
        var leads = new List<SeedLead>(count);
        for (var i = 1; i <= count; i++)
        {
            double northKm, eastKm, priceFactor;
            if (random.Chance(0.05))
            {
                // A few scattered listings that belong to no neighbourhood.
                var r = 25 * Math.Sqrt(random.NextDouble());
                var angle = random.NextDouble(0, 2 * Math.PI);
                (northKm, eastKm, priceFactor) = (r * Math.Cos(angle), r * Math.Sin(angle), 1.0);
            }
            else
            {
                var hood = Pick(hoods, totalWeight, random);
                northKm = hood.NorthKm + hood.SpreadKm * random.NextGaussian();
                eastKm = hood.EastKm + hood.SpreadKm * random.NextGaussian();
                priceFactor = hood.PriceFactor;
            }
            leads.Add(CreateLead(i, northKm, eastKm, priceFactor, random));
        }
        return leads;
    }

    private static SeedLead CreateLead(int number, double northKm, double eastKm, double priceFactor, DeterministicRandom random)
    {
        var fromCentre = Math.Sqrt(northKm * northKm + eastKm * eastKm);
        var mix = fromCentre < 4 ? Downtown : fromCentre < 12 ? Midtown : Outskirts;
        var kind = PickKind(mix, random);
        var area = kind switch
        {
            LeadKind.Condo => LogNormal(75, 0.3, random),
            LeadKind.Townhouse => LogNormal(120, 0.25, random),
            LeadKind.Multifamily => LogNormal(320, 0.3, random),
            LeadKind.Commercial => LogNormal(400, 0.5, random),
            LeadKind.Land => LogNormal(4_000, 0.6, random),
            _ => LogNormal(170, 0.35, random),
        };
        int? bedrooms = kind switch
        {
            LeadKind.Condo => Math.Clamp((int)Math.Round(area / 35), 0, 4),
            LeadKind.Townhouse or LeadKind.House => Math.Clamp((int)Math.Round(area / 40), 1, 7),
            LeadKind.Multifamily => Math.Clamp((int)Math.Round(area / 45), 4, 12),
            _ => null,
        };
        // The price gradient: about 9,000 per m² in the centre, a third of that 15 km out; land is sold by the plot.
        var perSqm = 9_000 * Math.Exp(-fromCentre / 15) * priceFactor * LogNormal(1, 0.15, random);
        if (kind == LeadKind.Land)
        {
            perSqm *= 0.04;
        }
        var price = Math.Max(10_000, Math.Round(area * perSqm / 1_000) * 1_000);
        var lat = CenterLat + northKm / KmPerDegreeLat;
        var lon = CenterLon + eastKm / (KmPerDegreeLat * Math.Cos(CenterLat * Math.PI / 180));
        var lead = new Lead(
            Id: "lead-" + number.ToString(CultureInfo.InvariantCulture),
            Lat: Math.Round(lat, 6),
            Lon: Math.Round(lon, 6),
            Price: price,
            Kind: kind,
            Bedrooms: bedrooms,
            AreaSqm: Math.Round(area, 2),
            ListedAt: SimulationOptions.DefaultStart);
        return new SeedLead(lead, 7 + random.NextExponential(35));
    }

    private static List<SyntheticNeighbourhood> CreateNeighbourhoods(int leadCount, DeterministicRandom random)
    {
        var count = Math.Clamp(8 + leadCount / 250, 8, 40);
        var hoods = new List<SyntheticNeighbourhood>(count);
        for (var i = 0; i < count; i++)
        {
            var r = Math.Min(25, Math.Abs(8 * random.NextGaussian()));
            var angle = random.NextDouble(0, 2 * Math.PI);
            hoods.Add(new SyntheticNeighbourhood(
                r * Math.Cos(angle), r * Math.Sin(angle), random.NextDouble(0.6, 2.0), random.NextDouble(0.5, 2.0), LogNormal(1, 0.25, random)));
        }
        return hoods;
    }

    private static SyntheticNeighbourhood Pick(List<SyntheticNeighbourhood> hoods, double totalWeight, DeterministicRandom random)
    {
        var target = random.NextDouble() * totalWeight;
        foreach (var hood in hoods)
        {
            target -= hood.Weight;
            if (target < 0)
            {
                return hood;
            }
        }
        return hoods[^1];
    }

    private static LeadKind PickKind((LeadKind Kind, double Weight)[] mix, DeterministicRandom random)
    {
        var target = random.NextDouble() * mix.Sum(m => m.Weight);
        foreach (var (kind, weight) in mix)
        {
            target -= weight;
            if (target < 0)
            {
                return kind;
            }
        }
        return mix[^1].Kind;
    }

    private static double LogNormal(double median, double sigma, DeterministicRandom random) =>
        median * Math.Exp(sigma * random.NextGaussian());
}
