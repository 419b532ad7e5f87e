using LeadRecs.Ranking.Features;

namespace LeadRecs.UnitTests.Features;

public sealed class PreferenceCentroidTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    [Fact]
    public void Centre_of_two_nearby_points_is_between_them()
    {
        var c = new PreferenceCentroid();
        c.Add(47.60, -122.30, 500_000, 3, 1, T0, HalfLife);
        c.Add(47.62, -122.34, 700_000, 4, 1, T0, HalfLife);
        var (lat, lon) = c.Location!.Value;
        Assert.Equal(47.61, lat, 3);
        Assert.Equal(-122.32, lon, 3);
        Assert.Equal(Math.Log(Math.Sqrt(500_000.0 * 700_000)), c.LogPrice!.Value, 9);
        Assert.Equal(3.5, c.Bedrooms!.Value, 9);
    }

    [Fact]
    public void Centre_across_the_antimeridian_stays_on_the_date_line()
    {
        var c = new PreferenceCentroid();
        c.Add(-17, 179.5, 1, null, 1, T0, HalfLife);
        c.Add(-17, -179.5, 1, null, 1, T0, HalfLife);
        var (_, lon) = c.Location!.Value;
        Assert.True(Math.Abs(Math.Abs(lon) - 180) < 1e-6, $"centre longitude {lon} should be ±180, not 0");
    }

    [Fact]
    public void Centre_near_the_pole_is_near_the_pole()
    {
        var c = new PreferenceCentroid();
        c.Add(89.5, 0, 1, null, 1, T0, HalfLife);
        c.Add(89.5, 180, 1, null, 1, T0, HalfLife);
        Assert.True(c.Location!.Value.Lat > 89.99);
    }

    [Fact]
    public void Older_behaviour_weighs_less()
    {
        var c = new PreferenceCentroid();
        c.Add(0, 0, 100_000, null, 1, T0, HalfLife);
        c.Add(0, 1, 100_000, null, 1, T0 + TimeSpan.FromDays(28), HalfLife); // the first is now worth 1/4
        Assert.Equal(0.8, c.Location!.Value.Lon, 2);
    }

    [Fact]
    public void Empty_centroid_has_no_location()
    {
        Assert.Null(new PreferenceCentroid().Location);
    }
}
