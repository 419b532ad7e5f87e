using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Geo;

public sealed class GeoDistanceTests
{
    [Theory]
    // Reference great-circle distances (spherical Earth, mean radius), as published by common calculators.
    [InlineData(51.5074, -0.1278, 48.8566, 2.3522, 343.5)]     // London - Paris
    [InlineData(47.6062, -122.3321, 45.5152, -122.6784, 233.9)] // Seattle - Portland
    [InlineData(0.0, 179.5, 0.0, -179.5, 111.2)]                // across the antimeridian, one degree at the equator
    [InlineData(90.0, 0.0, -90.0, 0.0, 20015.1)]                // pole to pole
    public void Matches_reference_distances(double lat1, double lon1, double lat2, double lon2, double km)
    {
        Assert.Equal(km, GeoDistance.Kilometres(lat1, lon1, lat2, lon2), precision: 0);
    }

    [Fact]
    public void Is_symmetric_and_zero_for_the_same_point()
    {
        Assert.Equal(0, GeoDistance.Kilometres(10, 20, 10, 20));
        Assert.Equal(GeoDistance.Kilometres(1, 2, 3, 4), GeoDistance.Kilometres(3, 4, 1, 2), 9);
    }
}
