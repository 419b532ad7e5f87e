using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class LeaveOneOutProtocolTests
{
    private const int Items = 300;

    // user 0: items 1 (t=10), 2 (t=30), 3 (t=30, later line) -> 3 held out (tie goes to the later line)
    // user 1: one item -> not tested, stays in train
    // user 2: item 5 at t=5 and again at t=2, item 6 at t=1 -> 5 held out, both of its rows leave train
    private static readonly InteractionTable Table = new(
        users: [0, 0, 0, 1, 2, 2, 2],
        items: [1, 2, 3, 4, 5, 6, 5],
        ratings: [1, 1, 1, 1, 1, 1, 1],
        timestamps: [10, 30, 30, 50, 5, 1, 2],
        hasRatings: false,
        hasTimestamps: true);

    [Fact]
    public void HoldsOutTheLatest_TiesToTheLaterLine()
    {
        var protocol = LeaveOneOutProtocol.Create(Table, 3, Items, null, seed: 1);

        Assert.Equal([(0, 3), (2, 5)], protocol.Cases.Select(c => (c.User, c.HeldOut)));
        Assert.Equal([1, 2], protocol.Train.UserItems[0]);
        Assert.Equal([4], protocol.Train.UserItems[1]);
        Assert.Equal([6], protocol.Train.UserItems[2]);
    }

    [Fact]
    public void Negatives_AreDistinctUnseenAndDeterministic()
    {
        var first = LeaveOneOutProtocol.Create(Table, 3, Items, null, seed: 7);
        var again = LeaveOneOutProtocol.Create(Table, 3, Items, null, seed: 7);
        var other = LeaveOneOutProtocol.Create(Table, 3, Items, null, seed: 8);

        foreach (var test in first.Cases)
        {
            Assert.Equal(99, test.Negatives.Length);
            Assert.Equal(99, test.Negatives.Distinct().Count());
            Assert.DoesNotContain(test.HeldOut, test.Negatives);
            var seen = Table.Users.Zip(Table.Items).Where(p => p.First == test.User).Select(p => p.Second);
            Assert.Empty(test.Negatives.Intersect(seen));
            Assert.All(test.Negatives, n => Assert.InRange(n, 0, Items - 1));
        }

        Assert.Equal(first.Cases.Select(c => c.Negatives), again.Cases.Select(c => c.Negatives));
        Assert.NotEqual(first.Cases[0].Negatives, other.Cases[0].Negatives);
    }

    [Fact]
    public void SmallCatalogue_TakesEveryUnseenItem()
    {
        var protocol = LeaveOneOutProtocol.Create(Table, 3, 10, null, seed: 1);

        Assert.Equal([0, 4, 5, 6, 7, 8, 9], protocol.Cases[0].Negatives.Order());
    }

    [Fact]
    public void Validation_IsCarvedFromTrainOnly()
    {
        var protocol = LeaveOneOutProtocol.Create(Table, 3, Items, null, seed: 1);

        var validation = (LeaveOneOutProtocol)protocol.CarveValidation(2);

        // user 0 keeps 1 and 2 in train; 2 (t=30) is the next latest. Users 1 and 2 have one item left: untested.
        Assert.Equal([(0, 2)], validation.Cases.Select(c => (c.User, c.HeldOut)));
        Assert.Equal([1], validation.Train.UserItems[0]);
        Assert.DoesNotContain(3, validation.Cases[0].Negatives);
        Assert.True(validation.IsValidation);
    }

    [Fact]
    public void Subsample_KeepsEvenlySpacedCases_AndTheTrainingData()
    {
        var protocol = LeaveOneOutProtocol.Create(PlantedData.Table(), PlantedData.Users, PlantedData.Items, null, seed: 1, negatives: 5);

        var small = (LeaveOneOutProtocol)protocol.Subsample(6);

        Assert.Equal([0, 10, 20, 30, 40, 50], small.Cases.Select(c => c.User));
        Assert.Same(protocol.Train, small.Train);
        Assert.Equal(60, protocol.Subsample(1000).CaseCount);
    }
}
