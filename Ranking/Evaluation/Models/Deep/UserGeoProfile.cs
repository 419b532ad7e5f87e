namespace LeadRecs.Ranking.Evaluation.Models.Deep;

/// <summary>
/// A user's located training items: their ids and the sum of their unit vectors (the spherical centroid before
/// normalising), kept so one item can be left out of the centroid in constant time.
/// </summary>
public sealed record UserGeoProfile(int[] Items, double SumX, double SumY, double SumZ)
{
    public static readonly UserGeoProfile Empty = new([], 0, 0, 0);

    public int Count => Items.Length;
}
