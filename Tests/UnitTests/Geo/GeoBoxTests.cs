using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Geo;

public sealed class GeoBoxTests
{
    [Fact]
    public void A_box_across_the_antimeridian_contains_both_edges_but_not_the_middle()
    {
        var box = new GeoBox(-5, 170, 5, -170);
        Assert.True(box.CrossesAntimeridian);
        Assert.True(box.Contains(0, 175));
        Assert.True(box.Contains(0, -175));
        Assert.False(box.Contains(0, 0));
        Assert.True(box.Intersects(GeoCell.FromLatLon(0, 179.9, 8)));
        Assert.True(box.Intersects(GeoCell.FromLatLon(0, -179.9, 8)));
        Assert.False(box.Intersects(GeoCell.FromLatLon(0, 100, 8)));
    }

    [Fact]
    public void An_ordinary_box_intersects_cells_it_overlaps_partly()
    {
        var cell = GeoCell.FromLatLon(47.6, -122.3, 13);
        var b = cell.Bounds;
        var box = new GeoBox(b.MinY - 1, b.MinX - 1, b.MinY + 1e-4, b.MinX + 1e-4);
        Assert.True(box.Intersects(cell));
        Assert.False(new GeoBox(b.MaxY + 0.01, b.MaxX + 0.01, b.MaxY + 0.02, b.MaxX + 0.02).Intersects(cell));
    }
}
