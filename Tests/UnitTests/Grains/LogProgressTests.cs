using LeadRecs.Grains.State;

namespace LeadRecs.UnitTests.Grains;

public sealed class LogProgressTests
{
    [Fact]
    public void Covers_everything_up_to_the_position_and_the_positions_added_above_it()
    {
        var progress = new LogProgress { Position = 10 };
        progress.Add(14);
        progress.Add(12);
        progress.Add(7);

        Assert.True(progress.Covers(3));
        Assert.True(progress.Covers(10));
        Assert.True(progress.Covers(12));
        Assert.False(progress.Covers(11));
        Assert.False(progress.Covers(15));
        Assert.Equal([14L, 12], progress.AppliedAfter);
    }

    [Fact]
    public void Advancing_drops_the_positions_it_passes_and_never_goes_back()
    {
        var progress = new LogProgress { Position = 10, AppliedAfter = [14, 12, 20] };

        progress.AdvanceTo(15);
        progress.AdvanceTo(11);

        Assert.Equal(15, progress.Position);
        Assert.Equal([20L], progress.AppliedAfter);
        Assert.True(progress.Covers(13));
        Assert.True(progress.Covers(20));
    }

    [Fact]
    public void Survives_a_json_round_trip()
    {
        var progress = new LogProgress { Position = 5 };
        progress.Add(9);
        var state = new UserGrainState { Log = progress };
        var serializer = LeadRecs.Grains.Hosting.GrainStateSerializer.Instance;

        var back = serializer.Deserialize<UserGrainState>(serializer.Serialize(state)).Log;

        Assert.Equal(5, back.Position);
        Assert.True(back.Covers(9));
        Assert.False(back.Covers(8));
    }
}
