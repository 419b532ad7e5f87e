using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Geo;

namespace LeadRecs.Ranking.Simulation;

/// <summary>
/// What a simulated user really wants; the recommender never sees it, the evaluation does.
/// <see cref="IsRelevant"/> is the hard yes/no that relevance@k counts; <see cref="Affinity"/> is the graded
/// pull that drives the user's clicks and inquiries, so behaviour carries the signal a model must learn.
/// Neither looks at the lead's status: whether a closed lead may be recommended is the evaluation's call.
/// </summary>
public sealed class HiddenPreference
{
    private readonly int _kindMask;
    private readonly double _logMid;
    private readonly double _logHalfWidth;

    public HiddenPreference(
        double centerLat, double centerLon, double radiusKm, double minPrice, double maxPrice, IReadOnlyList<LeadKind> kinds, int minBedrooms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusKm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPrice);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPrice, minPrice);
        if (kinds.Count == 0)
        {
            throw new ArgumentException("A preference needs at least one kind.", nameof(kinds));
        }
        CenterLat = centerLat;
        CenterLon = centerLon;
        RadiusKm = radiusKm;
        MinPrice = minPrice;
        MaxPrice = maxPrice;
        Kinds = kinds.ToArray();
        MinBedrooms = minBedrooms;
        foreach (var kind in kinds)
        {
            _kindMask |= 1 << (int)kind;
        }
        _logMid = (Math.Log(minPrice) + Math.Log(maxPrice)) / 2;
        _logHalfWidth = Math.Max(1e-6, (Math.Log(maxPrice) - Math.Log(minPrice)) / 2);
    }

    /// <summary>The centre of the area the user searches in.</summary>
    public double CenterLat { get; }

    public double CenterLon { get; }

    public double RadiusKm { get; }

    public double MinPrice { get; }

    public double MaxPrice { get; }

    /// <summary>One or two kinds, the first preferred.</summary>
    public IReadOnlyList<LeadKind> Kinds { get; }

    /// <summary>0 when bedrooms do not matter (land, commercial).</summary>
    public int MinBedrooms { get; }

    // Cheapest tests first: this runs over thousands of leads per user when preferences are generated.
    public bool IsRelevant(Lead lead) =>
        (_kindMask & (1 << (int)lead.Kind)) != 0
        && lead.Price >= MinPrice && lead.Price <= MaxPrice
        && (MinBedrooms == 0 || (lead.Bedrooms ?? 0) >= MinBedrooms)
        && DistanceKm(lead) <= RadiusKm;

    /// <summary>
    /// In (0, 1]: 1 for the ideal lead, at least about 0.5 for every relevant one, falling off smoothly outside
    /// the area, the price band, the kinds and the bedroom count, so near misses still attract some interest.
    /// </summary>
    public double Affinity(Lead lead) => PlaceAffinity(lead) * AffinityApartFromPlace(lead);

    /// <summary>The part of <see cref="Affinity"/> that depends on where the lead is: 1 at the centre, 0.75 at the edge of the area.</summary>
    public double PlaceAffinity(Lead lead)
    {
        var ratio = DistanceKm(lead) / RadiusKm;
        if (ratio <= 1)
        {
            return 1 - 0.25 * ratio * ratio;
        }
        // Past the edge, half a radius further costs a factor e.
        var beyond = (ratio - 1) / 0.5;
        return 0.75 * Math.Exp(-beyond * beyond);
    }

    /// <summary>The part of <see cref="Affinity"/> apart from place (price, kind, bedrooms): an upper bound of it, cheap to compute.</summary>
    public double AffinityApartFromPlace(Lead lead) => PriceScore(lead.Price) * KindScore(lead.Kind) * BedroomScore(lead.Bedrooms);

    public double DistanceKm(Lead lead) => GeoDistance.Kilometres(CenterLat, CenterLon, lead.Lat, lead.Lon);

    private double PriceScore(double price)
    {
        var offset = Math.Abs(Math.Log(Math.Max(price, 1)) - _logMid) / _logHalfWidth;
        if (offset <= 1)
        {
            return 1 - 0.2 * offset * offset;
        }
        // 15% over budget (or under the floor) costs a factor e.
        var beyond = (offset - 1) * _logHalfWidth / 0.15;
        return 0.8 * Math.Exp(-beyond * beyond);
    }

    private double KindScore(LeadKind kind)
    {
        if (Kinds[0] == kind)
        {
            return 1;
        }
        return (_kindMask & (1 << (int)kind)) != 0 ? 0.9 : 0.2;
    }

    private double BedroomScore(int? bedrooms)
    {
        if (MinBedrooms == 0)
        {
            return 1;
        }
        if (bedrooms is not { } rooms)
        {
            return 0.3;
        }
        return rooms >= MinBedrooms ? 1 : Math.Pow(0.5, MinBedrooms - rooms);
    }
}
