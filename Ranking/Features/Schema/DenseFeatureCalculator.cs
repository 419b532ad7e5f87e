using LeadRecs.Ranking.Candidates;
using static LeadRecs.Ranking.Features.Schema.DenseFeatureId;

namespace LeadRecs.Ranking.Features.Schema;

/// <summary>
/// Computes every dense feature of <see cref="FeatureCatalog"/> for one (user, lead) pair into a scratch span
/// indexed by <see cref="DenseFeatureId"/>; a schema then picks its columns. Computing a few unused values is
/// cheaper than branching per column, and one code path per feature keeps every version consistent.
/// </summary>
internal static class DenseFeatureCalculator
{
    public static readonly int Count = Enum.GetValues<DenseFeatureId>().Length;

    /// <summary>The features of schemas up to v2: <paramref name="all"/> must have room for them; later ones are computed when it has room for those too.</summary>
    public static readonly int V2Count = (int)GeoEngagedNearestLogKm + 1;

    /// <param name="logPrice">ln(max(price, 1)), computed once per candidate by the caller.</param>
    public static void Compute(UserFeatureContext u, LeadCandidate lead, double logPrice, int band, Span<float> all)
    {
        var p = u.Profile;
        var kind = (int)lead.Kind;
        var kindShare = (uint)kind < (uint)p.KindShare.Count ? p.KindShare[kind] : 0;

        all[(int)UserLogActivity] = u.LogActivity;
        all[(int)UserLogViews] = u.LogViews;
        all[(int)UserLogClicks] = u.LogClicks;
        all[(int)UserLogInquiries] = u.LogInquiries;
        all[(int)UserLogDaysSinceActive] = u.LogDaysSinceActive;
        all[(int)UserIsCold] = u.IsCold;
        all[(int)UserKindShare] = (float)kindShare;
        all[(int)UserKindShareOfTop] = u.MaxKindShare > 0 ? (float)(kindShare / u.MaxKindShare) : 0f;
        all[(int)UserPriceBandShare] = (float)BandShare(p.PriceBandShare, band);
        all[(int)UserNearPriceBandShare] =
            (float)(BandShare(p.PriceBandShare, band - 1) + BandShare(p.PriceBandShare, band) + BandShare(p.PriceBandShare, band + 1));
        var priceGap = p.LogPrice is { } userLogPrice ? logPrice - userLogPrice : 0;
        all[(int)UserLogPriceGap] = (float)priceGap;
        all[(int)UserAbsLogPriceGap] = (float)Math.Abs(priceGap);
        var hasBedroomGap = p.Bedrooms is not null && lead.Bedrooms is not null;
        all[(int)UserBedroomGap] = hasBedroomGap ? (float)((lead.Bedrooms!.Value - p.Bedrooms!.Value) / 2) : 0f;
        all[(int)UserHasBedroomGap] = hasBedroomGap ? 1f : 0f;
        var cell = u.ForCell(lead);
        all[(int)UserCellShare] = (float)cell.CellShare;

        all[(int)LeadLogPrice] = (float)(logPrice - 13);
        var hasArea = lead.AreaSqm is > 0;
        all[(int)LeadLogArea] = hasArea ? (float)(Math.Log(lead.AreaSqm!.Value) - 5) : 0f;
        all[(int)LeadHasArea] = hasArea ? 1f : 0f;
        all[(int)LeadBedrooms] = lead.Bedrooms is { } beds ? beds / 5f : 0f;
        all[(int)LeadHasBedrooms] = lead.Bedrooms is null ? 0f : 1f;
        all[(int)LeadLogAgeDays] = (float)(Math.Log(1 + Math.Max(0, (u.Now - lead.ListedAt).TotalDays)) / 5);
        all[(int)LeadLogPopularity] = (float)(Math.Log(1 + Math.Max(0, lead.Popularity)) / 3);

        all[(int)MarketPriceTrend] = double.IsFinite(lead.MarketTrend) ? (float)Math.Clamp(lead.MarketTrend * 10, -3, 3) : 0f;

        var supplyDemand = u.ForSupplyDemand(Math.Max(0, lead.CellDemand), Math.Max(0, lead.CellSupply));
        all[(int)GeoLogCellDemand] = supplyDemand.LogDemand;
        all[(int)GeoLogCellSupply] = supplyDemand.LogSupply;
        all[(int)GeoLogDemandPerListing] = supplyDemand.LogDemandPerListing;
        if (u.FromCentre is { } fromCentre)
        {
            var km = fromCentre.Kilometres(lead.Lat, lead.Lon);
            all[(int)GeoLogDistanceKm] = (float)(Math.Log(1 + km) / 3);
            all[(int)GeoProximity] = (float)Math.Exp(-km / 4);
            // Overall is the same centroid as Centre, so the distance is shared.
            all[(int)GeoDistanceOverSpread] = (float)(Math.Min(km / ((p.Overall?.SpreadKm ?? 0) + 0.5), 5) / 2.5);
        }
        else
        {
            all[(int)GeoLogDistanceKm] = 0f;
            all[(int)GeoProximity] = 0f;
            all[(int)GeoDistanceOverSpread] = 0f;
        }
        all[(int)GeoNeighbourhoodShare] = (float)cell.NeighbourhoodShare;

        var engaged = u.Engaged;
        all[(int)UserHasEngaged] = u.HasEngaged;
        all[(int)UserLogEngagedWeight] = u.LogEngagedWeight;
        var engagedGap = engaged.LogPrice is { } engagedLogPrice ? logPrice - engagedLogPrice : 0;
        all[(int)UserEngagedLogPriceGap] = (float)engagedGap;
        all[(int)UserEngagedAbsLogPriceGap] = (float)Math.Abs(engagedGap);
        all[(int)UserEngagedPriceGapOverSpread] = engaged.LogPrice is null ? 0f : (float)(Math.Min(Math.Abs(engagedGap) / (engaged.LogPriceSpread + 0.1), 5) / 2.5);
        all[(int)UserEngagedBedroomGap] = engaged.Bedrooms is { } engagedBeds && lead.Bedrooms is { } leadBeds ? (float)((leadBeds - engagedBeds) / 2) : 0f;
        if (u.FromEngagedCentre is { } fromEngaged)
        {
            var km = fromEngaged.Kilometres(lead.Lat, lead.Lon);
            all[(int)GeoEngagedLogDistanceKm] = (float)(Math.Log(1 + km) / 3);
            all[(int)GeoEngagedDistanceOverSpread] = (float)(Math.Min(km / (engaged.SpreadKm + 0.5), 5) / 2.5);
        }
        else
        {
            all[(int)GeoEngagedLogDistanceKm] = 0f;
            all[(int)GeoEngagedDistanceOverSpread] = 0f;
        }

        var touched = u.Touched(lead);
        var similar = u.Similarity(lead, logPrice, touched.Engaged);
        var hasEngaged = engaged.Centre is not null;
        all[(int)UserEngagedKindShare] = (float)similar.KindShare;
        all[(int)UserEngagedPriceQuantile] = (float)similar.PriceQuantile;
        all[(int)UserEngagedPriceCentrality] = hasEngaged ? (float)(1 - Math.Abs(2 * similar.PriceQuantile - 1)) : 0f;
        all[(int)UserEngagedBedroomsAtLeast] = (float)similar.BedroomsAtLeast;
        all[(int)GeoEngagedDensity1Km] = (float)similar.Density1Km;
        all[(int)GeoEngagedDensity3Km] = (float)similar.Density3Km;
        all[(int)GeoEngagedNearestLogKm] = (float)(Math.Log(1 + similar.NearestKm) / 3);

        if (all.Length > V2Count)
        {
            ComputeViewed(u, lead, logPrice, touched.Viewed, all);
        }
    }

    private static void ComputeViewed(UserFeatureContext u, LeadCandidate lead, double logPrice, int self, Span<float> all)
    {
        if (u.Viewed is not { } viewed)
        {
            all.Slice((int)UserHasViewed, (int)UserViewedPriceGapOverIqr - (int)UserHasViewed + 1).Clear();
            return;
        }
        var (km, distanceQuantile, priceQuantile) = viewed.Compare(lead, logPrice, self);
        all[(int)UserHasViewed] = 1f;
        all[(int)GeoViewedMedianLogKm] = viewed.MedianLogKm;
        all[(int)GeoViewedDistanceOverMedian] = (float)(Math.Min(km / (viewed.MedianKm + 0.1), 5) / 2.5);
        all[(int)GeoViewedDistanceQuantile] = (float)distanceQuantile;
        all[(int)UserViewedPriceQuantile] = (float)priceQuantile;
        all[(int)UserViewedPriceCentrality] = (float)(1 - Math.Abs(2 * priceQuantile - 1));
        all[(int)UserViewedPriceGapOverIqr] = (float)(Math.Clamp((logPrice - viewed.MedianLogPrice) / (viewed.LogPriceIqr + 0.05), -5, 5) / 2.5);
    }

    private static double BandShare(IReadOnlyList<double> shares, int band) =>
        (uint)band < (uint)shares.Count ? shares[band] : 0;
}
