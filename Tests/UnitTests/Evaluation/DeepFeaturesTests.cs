using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models.Deep;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class DeepFeaturesTests
{
    /// <summary>
    /// The leakage check: a training group (positive x and a negative) must look exactly like a held-out x and a
    /// competitor once the pair (user, x) is removed from the training data. x is the user's latest item, so its time
    /// context is the whole rest. With only a few nearest users, who they are depends on x: the training row must
    /// choose them again without x, as the held-out world does (every user of a group shares most items with the
    /// others, so x decides between many near-ties).
    /// </summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(5)]
    public void TrainingGroup_LooksLikeAHeldOutItemAndItsCompetitor(int nearestUsers)
    {
        var table = PlantedData.Table();
        var locations = PlantedData.Locations();
        var full = UserItemMatrix.FromTable(table, PlantedData.Users, PlantedData.Items, locations);
        var user = 4;
        var x = full.Sequences![user][^1];
        var negative = Enumerable.Range(0, PlantedData.Items).First(i => !full.Contains(user, i) && PlantedData.Group(user) == i / 20);
        var without = UserItemMatrix.FromTable(
            table.Where(r => !(table.Users[r] == user && table.Items[r] == x)), PlantedData.Users, PlantedData.Items, locations);
        var before = full.Sequences[user].Length - 1;

        var training = Features(full, user, [x, negative], [x, x], [before, before], nearestUsers);
        var heldOut = Features(without, user, [x, negative], [], [], nearestUsers);

        Assert.Equal(2 * 20, training.Length);
        for (var c = 0; c < training.Length; c++)
        {
            Assert.True(Math.Abs(training[c] - heldOut[c]) < 1e-5, $"row {c / 20} feature {c % 20}: {training[c]} vs {heldOut[c]}");
        }

        Assert.True(heldOut[2] > 0, "the planted group gives the held-out item some co-occurrence affinity");
        Assert.Equal(0f, heldOut[19]); // geo present
    }

    [Fact]
    public void GeoFeatures_NearTheUsersArea_BeatFarAway()
    {
        var train = UserItemMatrix.FromTable(PlantedData.Table(), PlantedData.Users, PlantedData.Items, PlantedData.Locations());
        var geo = new GeoFeatures(GeoIndex.Build(train.Locations!, 1.0, 10, 1), train);
        var user = 0; // group 0: items 0..19
        var near = Enumerable.Range(0, 20).First(i => !train.Contains(user, i));
        var far = Enumerable.Range(20, 20).First(i => !train.Contains(user, i));
        var nearRow = new float[GeoFeatures.Width];
        var farRow = new float[GeoFeatures.Width];

        geo.Write(user, near, -1, nearRow);
        geo.Write(user, far, -1, farRow);

        Assert.True(nearRow[0] < farRow[0], "distance to centroid");
        Assert.True(nearRow[2] > farRow[2], "share of history within r");
        Assert.Equal(0f, farRow[2]);
    }

    [Fact]
    public void ItemCooccurrence_CountsSharedUsers_AndScattersSumsAndMaximaOverTheHistory()
    {
        var train = UserItemMatrix.FromTable(PlantedData.Table(), PlantedData.Users, PlantedData.Items, null);
        var cooccurrence = new ItemCooccurrence(train);
        int Brute(int i, int j) => Enumerable.Range(0, train.UserCount).Count(u => train.Contains(u, i) && train.Contains(u, j));

        foreach (var (i, j) in new[] { (0, 1), (3, 17), (0, 25), (30, 30) })
        {
            Assert.Equal(Brute(i, j), cooccurrence.CoCount(i, j));
        }

        var history = train.UserItems[7];
        var sum = new float[train.ItemCount];
        var max = new float[train.ItemCount];
        cooccurrence.Scatter(history, sum, max, new int[train.ItemCount], []);
        for (var j = 0; j < train.ItemCount; j++)
        {
            var cosines = history.Where(h => h != j)
                .Select(h => ItemCooccurrence.Cosine(Brute(h, j), train.ItemCounts[h], train.ItemCounts[j])).ToArray();
            Assert.Equal(cosines.Sum(), sum[j], 4);
            Assert.Equal(cosines.Append(0).Max(), max[j], 5);
        }
    }

    private static float[] Features(UserItemMatrix train, int user, int[] items, int[] leftOut, int[] contextEnd, int nearestUsers = 1000)
    {
        var cooccurrence = new ItemCooccurrence(train);
        var features = new DenseFeatures(
            train,
            new AffinityFeatures(cooccurrence, maxDegreeOfParallelism: 1),
            new RecencyFeatures(cooccurrence, train, window: 5),
            new UserKnnFeatures(UserNeighbours.Build(train, k: nearestUsers, maxDegreeOfParallelism: 1), train),
            new TrendFeatures(train, 0.01, 0.5),
            new GeoFeatures(GeoIndex.Build(train.Locations!, 1.0, 10, 1), train));
        var rows = new float[features.Width * items.Length];
        features.Write(user, items, leftOut, contextEnd, rows);
        return rows;
    }
}
