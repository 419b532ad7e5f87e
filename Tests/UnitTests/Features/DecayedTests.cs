using LeadRecs.Ranking.Features;

namespace LeadRecs.UnitTests.Features;

public sealed class DecayedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(10);

    [Fact]
    public void Halves_after_one_half_life()
    {
        var value = Decayed.Zero.Add(8, T0, HalfLife);
        Assert.Equal(8, value.ValueAt(T0, HalfLife), 9);
        Assert.Equal(4, value.ValueAt(T0 + HalfLife, HalfLife), 9);
        Assert.Equal(1, value.ValueAt(T0 + 3 * HalfLife, HalfLife), 9);
    }

    [Fact]
    public void Adding_later_decays_the_old_part_first()
    {
        var value = Decayed.Zero.Add(8, T0, HalfLife).Add(1, T0 + HalfLife, HalfLife);
        Assert.Equal(5, value.ValueAt(T0 + HalfLife, HalfLife), 9);
        Assert.Equal(T0 + HalfLife, value.AsOf);
    }

    [Fact]
    public void Out_of_order_events_give_the_same_result_as_in_order()
    {
        var inOrder = Decayed.Zero.Add(2, T0, HalfLife).Add(3, T0 + TimeSpan.FromDays(4), HalfLife);
        var reversed = Decayed.Zero.Add(3, T0 + TimeSpan.FromDays(4), HalfLife).Add(2, T0, HalfLife);
        var later = T0 + TimeSpan.FromDays(9);
        Assert.Equal(inOrder.ValueAt(later, HalfLife), reversed.ValueAt(later, HalfLife), 9);
    }

    [Fact]
    public void Reading_before_the_last_update_does_not_grow_the_value()
    {
        var value = Decayed.Zero.Add(5, T0, HalfLife);
        Assert.Equal(5, value.ValueAt(T0 - TimeSpan.FromDays(3), HalfLife));
    }
}
