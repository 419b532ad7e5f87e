namespace LeadRecs.Ranking.Evaluation.Data;

/// <summary>
/// Latitude and longitude per item index (NaN where the location file has no row for the item), plus each
/// item's unit vector on the sphere: with those, "within r km" is one dot product against cos(r / R).
/// </summary>
public sealed class ItemLocations
{
    public ItemLocations(double[] latitudes, double[] longitudes)
    {
        if (latitudes.Length != longitudes.Length)
        {
            throw new ArgumentException("latitudes and longitudes differ in length.");
        }

        Latitudes = latitudes;
        Longitudes = longitudes;
        Vectors = new double[latitudes.Length * 3];
        for (var i = 0; i < latitudes.Length; i++)
        {
            if (Has(i))
            {
                var lat = latitudes[i] * Math.PI / 180.0;
                var lon = longitudes[i] * Math.PI / 180.0;
                Vectors[3 * i] = Math.Cos(lat) * Math.Cos(lon);
                Vectors[3 * i + 1] = Math.Cos(lat) * Math.Sin(lon);
                Vectors[3 * i + 2] = Math.Sin(lat);
            }
        }
    }

    public int Count => Latitudes.Length;

    public double[] Latitudes { get; }

    public double[] Longitudes { get; }

    /// <summary>Unit vectors, 3 per item, zero for items without a location.</summary>
    public double[] Vectors { get; }

    public int Known => Enumerable.Range(0, Count).Count(Has);

    public bool Has(int item) => !double.IsNaN(Latitudes[item]);
}
