using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Models.Deep;

namespace LeadRecs.UnitTests.Evaluation;

public sealed class DeepFeaturesTests
{
    /// <summary>
    /// The leakage check: a training group (positive x and a negative) must look exactly like a held-out x and a
    /// competitor once the pair (user, x) is removed from the training data. Neighbour lists are unbounded here so
    /// they do not change when the pair goes; x is the user's latest item, so its time context is the whole rest.
    /// </summary>
    [Fact]
    public void TrainingGroup_LooksLikeAHeldOutItemAndItsCompetitor()
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

        var training = Features(full, user, [x, negative], [x, x], [before, before]);
        var heldOut = Features(without, user, [x, negative], [], []);

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

    private static float[] Features(UserItemMatrix train, int user, int[] items, int[] leftOut, int[] contextEnd)
    {
        var neighbours = ItemNeighbours.Build(train, k: 1000, maxDegreeOfParallelism: 1);
        var features = new DenseFeatures(
            train,
            new AffinityFeatures(neighbours, train),
            new RecencyFeatures(neighbours, train, window: 5),
            new UserKnnFeatures(UserNeighbours.Build(train, k: 1000, maxDegreeOfParallelism: 1), train),
            new TrendFeatures(train, 0.01, 0.5),
            new GeoFeatures(GeoIndex.Build(train.Locations!, 1.0, 10, 1), train));
        var rows = new float[features.Width * items.Length];
        features.Write(user, items, leftOut, contextEnd, rows);
        return rows;
    }
}
