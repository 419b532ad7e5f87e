using LeadRecs.Ranking.Geo;

namespace LeadRecs.UnitTests.Geo;

public sealed class GeoCellTests
{
    // Reference tiles from the OpenStreetMap slippy-map convention (the grid every web map uses).
    [Theory]
    [InlineData(0.0, 0.0, 0, 0, 0)]
    [InlineData(51.5074, -0.1278, 10, 511, 340)]     // London
    [InlineData(47.6062, -122.3321, 13, 1312, 2860)] // Seattle
    [InlineData(-33.8688, 151.2093, 12, 3768, 2457)] // Sydney
    public void Maps_coordinates_to_the_slippy_map_tile(double lat, double lon, int zoom, int x, int y)
    {
        Assert.Equal(new GeoCell(zoom, x, y), GeoCell.FromLatLon(lat, lon, zoom));
    }

    [Fact]
    public void Text_form_round_trips_and_rejects_garbage()
    {
        var cell = GeoCell.FromLatLon(47.6, -122.3);
        Assert.Equal(cell, GeoCell.Parse(cell.ToString()));
        Assert.False(GeoCell.TryParse("13/99999/1", out _));
        Assert.False(GeoCell.TryParse("13/-1/1", out _));
        Assert.False(GeoCell.TryParse("25/0/0", out _));
        Assert.False(GeoCell.TryParse("a/b/c", out _));
        Assert.False(GeoCell.TryParse("13/1", out _));
        Assert.False(GeoCell.TryParse(null, out _));
    }

    [Fact]
    public void A_point_lies_inside_its_cell_and_the_centre_maps_back_to_the_cell()
    {
        var rng = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var lat = rng.NextDouble() * 170 - 85;
            var lon = rng.NextDouble() * 360 - 180;
            var cell = GeoCell.FromLatLon(lat, lon, 13);
            Assert.True(cell.Bounds.Intersects(lon, lat), $"{lat},{lon} not in {cell}");
            var (cLat, cLon) = cell.Center;
            Assert.Equal(cell, GeoCell.FromLatLon(cLat, cLon, 13));
        }
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(89.9999)]
    [InlineData(85.06)]
    public void North_pole_falls_into_the_top_row(double lat)
    {
        var cell = GeoCell.FromLatLon(lat, 10, 13);
        Assert.Equal(0, cell.Y);
    }

    [Fact]
    public void South_pole_falls_into_the_bottom_row()
    {
        Assert.Equal((1 << 13) - 1, GeoCell.FromLatLon(-90, 10, 13).Y);
    }

    [Fact]
    public void Neighbourhood_at_the_pole_stops_at_the_edge_of_the_map()
    {
        var top = GeoCell.FromLatLon(90, 0, 5);
        var ring = top.Neighbourhood(1).ToList();
        Assert.Equal(6, ring.Count); // two rows of three: there is no row above the top
        Assert.All(ring, c => Assert.InRange(c.Y, 0, 1));
    }

    [Fact]
    public void Neighbourhood_wraps_across_the_antimeridian()
    {
        var east = GeoCell.FromLatLon(10, 179.99, 6);
        Assert.Equal((1 << 6) - 1, east.X);
        var xs = east.Neighbourhood(1).Select(c => c.X).Distinct().Order().ToList();
        Assert.Equal([0, 62, 63], xs);
        Assert.Equal(9, east.Neighbourhood(1).Count());
    }

    [Fact]
    public void Longitude_180_is_the_same_column_as_minus_180()
    {
        Assert.Equal(GeoCell.FromLatLon(0, -180, 8), GeoCell.FromLatLon(0, 180, 8));
    }

    [Fact]
    public void Neighbourhood_on_a_tiny_map_has_no_duplicates()
    {
        var cells = new GeoCell(1, 0, 0).Neighbourhood(3).ToList();
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.Equal(4, cells.Count);
    }

    [Fact]
    public void Covering_a_box_across_the_antimeridian_takes_both_sides()
    {
        var cells = GeoCell.Covering(-1, 179, 1, -179, 8).ToList();
        Assert.Contains(cells, c => c.X == 255);
        Assert.Contains(cells, c => c.X == 0);
        Assert.DoesNotContain(cells, c => c.X == 128);
        Assert.Equal(cells.Count, GeoCell.CountCovering(-1, 179, 1, -179, 8));
    }

    [Fact]
    public void Covering_count_matches_enumeration_for_ordinary_boxes()
    {
        var cells = GeoCell.Covering(47.2, -122.5, 47.8, -121.8, 13).ToList();
        Assert.Equal(cells.Count, GeoCell.CountCovering(47.2, -122.5, 47.8, -121.8, 13));
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.Contains(GeoCell.FromLatLon(47.6062, -122.3321, 13), cells);
    }

    [Fact]
    public void Parent_contains_child()
    {
        var child = GeoCell.FromLatLon(47.6062, -122.3321, 13);
        var parent = child.Parent(8);
        Assert.Equal(GeoCell.FromLatLon(47.6062, -122.3321, 8), parent);
        Assert.True(parent.Bounds.Contains(child.Bounds));
    }

    [Theory]
    [InlineData(91.0, 0.0)]
    [InlineData(0.0, 180.5)]
    [InlineData(double.NaN, 0.0)]
    public void Refuses_coordinates_off_the_globe(double lat, double lon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoCell.FromLatLon(lat, lon));
    }
}
