using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class SplitProtocolTests
{
    [Fact]
    public void Cases_HoldOnlyTestItemsUnseenInTrain()
    {
        var train = Table([0, 0, 1], [0, 1, 2]);
        var test = Table([0, 0, 1, 2], [1, 3, 2, 4]);

        var protocol = SplitProtocol.Create(train, test, 3, 5, null);

        // user 0's item 1 is already in train; user 1's only test item too; user 2 is cold but still tested.
        Assert.Equal([(0, new[] { 3 }), (2, new[] { 4 })], protocol.Cases.Select(c => (c.User, c.Relevant)));
    }

    [Fact]
    public void Validation_HoldsOutSomeTrainItems_KeepingOnePerUser()
    {
        var users = Enumerable.Range(0, 40).SelectMany(u => Enumerable.Repeat(u, 10)).ToArray();
        var items = Enumerable.Range(0, 40).SelectMany(u => Enumerable.Range(u, 10)).ToArray();
        var protocol = SplitProtocol.Create(Table(users, items), Table([0], [60]), 40, 61, null);

        var validation = (SplitProtocol)protocol.CarveValidation(3);

        var held = validation.Cases.Sum(c => c.Relevant.Length);
        Assert.InRange(held, 40, 120); // about 20% of 400
        Assert.Equal(400, validation.Train.PairCount + held);
        Assert.All(Enumerable.Range(0, 40), u => Assert.NotEmpty(validation.Train.UserItems[u]));
        Assert.All(validation.Cases, c => Assert.Empty(c.Relevant.Intersect(validation.Train.UserItems[c.User])));
        Assert.Equal(validation.Cases.Select(c => c.Relevant), ((SplitProtocol)protocol.CarveValidation(3)).Cases.Select(c => c.Relevant));
    }

    private static InteractionTable Table(int[] users, int[] items) =>
        new(users, items, Enumerable.Repeat(1f, users.Length).ToArray(), new long[users.Length], false, false);
}
