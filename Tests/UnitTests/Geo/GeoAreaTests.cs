using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Geo;

public sealed class GeoAreaTests
{
    private static GeoArea Area(params (double Lon, double Lat)[] ring)
    {
        Assert.True(GeoArea.TryCreate(ring, out var area, out var error), error);
        return area!;
    }

    [Fact]
    public void A_triangle_covers_the_cells_it_touches_and_not_the_far_corner_of_its_box()
    {
        // A right triangle over downtown Seattle: its bounding box has a corner the triangle does not reach.
        var area = Area((-122.40, 47.55), (-122.25, 47.55), (-122.40, 47.70));
        var cells = area.Cells(13).ToList();
        Assert.Contains(GeoCell.FromLatLon(47.56, -122.39, 13), cells);
        Assert.DoesNotContain(GeoCell.FromLatLon(47.69, -122.26, 13), cells);
        Assert.True(cells.Count < area.CountBoxCells(13));
        Assert.True(area.Contains(47.56, -122.39));
        Assert.False(area.Contains(47.69, -122.26));
    }

    [Fact]
    public void An_unclosed_ring_is_closed()
    {
        var area = Area((0, 0), (1, 0), (1, 1), (0, 1));
        Assert.True(area.Contains(0.5, 0.5));
    }

    [Theory]
    [InlineData(new[] { 0.0, 0, 1, 0 })]                     // two points
    [InlineData(new[] { 0.0, 0, 1, 1, 1, 0, 0, 1 })]         // a bow tie crosses itself
    [InlineData(new[] { 0.0, 0, 1, 0, 2, 0 })]               // a line has no area
    [InlineData(new[] { 0.0, 0, 200, 0, 0, 1 })]             // off the globe
    public void Unusable_rings_are_refused_with_a_reason(double[] flat)
    {
        var ring = Enumerable.Range(0, flat.Length / 2).Select(i => (flat[2 * i], flat[2 * i + 1])).ToList();
        Assert.False(GeoArea.TryCreate(ring, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
