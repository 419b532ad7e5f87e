using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.UnitTests.Simulation;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class InteractionFormatDetectorTests
{
    [Fact]
    public void MovieLensStyle_CommaWithHeader_FourColumns()
    {
        var format = Detect("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,3,4.0,964981247");

        Assert.Equal(new InteractionFormat(ColumnSeparator.Comma, true, 0, 1, 2, 3), format);
    }

    [Fact]
    public void FoursquareStyle_SpaceNoHeader_RatingOnly()
    {
        var format = Detect("USER_894 LOC_5032 1.0", "USER_894 LOC_4398 2.0");

        Assert.Equal(new InteractionFormat(ColumnSeparator.Whitespace, false, 0, 1, 2, -1), format);
    }

    [Fact]
    public void TabNoHeader_TwoColumns()
    {
        var format = Detect("u1\ti1", "u2\ti2");

        Assert.Equal(new InteractionFormat(ColumnSeparator.Tab, false, 0, 1, -1, -1), format);
    }

    [Fact]
    public void ThirdColumnOfEpochSeconds_IsATimestamp()
    {
        var format = Detect("7 12 1262304000", "7 13 1262304100");

        Assert.False(format.HasRating);
        Assert.Equal(2, format.TimestampColumn);
    }

    [Fact]
    public void ThirdColumnOfDates_IsATimestamp()
    {
        var format = Detect("a,x,2024-01-02T10:00:00Z", "b,y,2024-01-03T11:00:00Z");

        Assert.Equal(2, format.TimestampColumn);
    }

    [Fact]
    public void UnknownHeaderNames_DetectedByNumericColumns()
    {
        var format = Detect("who\twhat\thow", "1\t2\t3.5", "1\t5\t1.0");

        Assert.True(format.HasHeader);
        Assert.Equal(2, format.RatingColumn);
    }

    [Fact]
    public void NamedHeader_ReordersColumns()
    {
        var format = Detect("timestamp,item_id,user_id", "100,i1,u1", "200,i2,u1");

        Assert.Equal(new InteractionFormat(ColumnSeparator.Comma, true, 2, 1, -1, 0), format);
    }

    [Fact]
    public void Reader_ParsesRows_AndSharesIndexesAcrossFiles()
    {
        using var directory = new TempDirectory();
        var train = directory.Combine("train.tsv");
        var test = directory.Combine("test.csv");
        File.WriteAllLines(train, ["userId\titemId\trating\ttimestamp", "u1\ti1\t4.5\t100", "u2\ti2\t3\t90", "", "u1\ti2\t1\t120"]);
        File.WriteAllLines(test, ["u2,i3", "u3,i1"]);
        var users = new IdMap();
        var items = new IdMap();

        var trainTable = InteractionReader.Read(train, users, items);
        var testTable = InteractionReader.Read(test, users, items);

        Assert.Equal(3, trainTable.Count);
        Assert.Equal([0, 1, 0], trainTable.Users);
        Assert.Equal([0, 1, 1], trainTable.Items);
        Assert.Equal([4.5f, 3f, 1f], trainTable.Ratings);
        Assert.Equal([100L, 90L, 120L], trainTable.Timestamps);
        Assert.True(trainTable.HasTimestamps);
        Assert.Equal([1, 2], testTable.Users);
        Assert.Equal([2, 0], testTable.Items);
        Assert.False(testTable.HasRatings);
        Assert.Equal([1f, 1f], testTable.Ratings);
    }

    [Fact]
    public void Reader_NamesTheLineOfAShortRow()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("bad.csv");
        File.WriteAllLines(path, ["1,2,3.0", "1,3,4.0", "2"]);

        var error = Assert.Throws<InvalidDataException>(() => InteractionReader.Read(path, new IdMap(), new IdMap()));

        Assert.Contains(":3:", error.Message);
    }

    [Fact]
    public void LocationReader_SkipsUnknownItems_AndHonoursHeaderNames()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("locations.csv");
        File.WriteAllLines(path, ["lon,lat,venue", "103.9,1.31,LOC_1", "103.7,1.35,LOC_9"]);
        var items = new IdMap();
        items.GetOrAdd("LOC_1");
        items.GetOrAdd("LOC_2");

        var locations = ItemLocationReader.Read(path, items);

        Assert.Equal(1.31, locations.Latitudes[0]);
        Assert.Equal(103.9, locations.Longitudes[0]);
        Assert.False(locations.Has(1));
        Assert.Equal(1, locations.Known);
    }

    private static InteractionFormat Detect(params string[] lines) => InteractionFormatDetector.Detect(lines);
}
