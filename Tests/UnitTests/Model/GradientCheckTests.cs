using LeadRecs.Ranking.Model;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class GradientCheckTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)] // several slices: the parallel reduction must give the same gradient
    [InlineData(2, true)] // with an embedding dot product in the logit
    public void Analytic_gradients_match_central_differences_for_every_parameter_group(int partitions, bool dotProduct)
    {
        var spec = dotProduct ? SyntheticData.DotSpec() : SyntheticData.TinySpec();
        var network = new RankingNetwork(spec);
        var data = SyntheticData.Random(spec, rows: 9, seed: 11, withWeights: true);
        data.CategoricalRow(0)[0] = 2;
        data.CategoricalRow(1)[0] = 2; // a repeated id: its embedding gradient must accumulate
        data.CategoricalRow(2)[1] = 99; // out of vocabulary: gradient goes to row 0
        var rows = Enumerable.Range(0, data.Rows).ToArray();
        var session = new TrainingSession(network, data, new TrainerOptions { Partitions = partitions, BatchSize = data.Rows });

        var (meanLoss, _) = session.AccumulateGradients(rows, 0, rows.Length);
        var analytic = session.Gradient.ToArray();

        var layout = network.Layout;
        var p = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceNetwork.Loss(spec, layout, p, data, rows), meanLoss, 5);

        const double h = 1e-5;
        var groups = Groups(spec, layout);
        foreach (var (name, offset, length) in groups)
        {
            for (var i = offset; i < offset + length; i++)
            {
                var saved = p[i];
                p[i] = saved + h;
                var plus = ReferenceNetwork.Loss(spec, layout, p, data, rows);
                p[i] = saved - h;
                var minus = ReferenceNetwork.Loss(spec, layout, p, data, rows);
                p[i] = saved;
                var numeric = (plus - minus) / (2 * h);

                // Float forward/backward against a double oracle: relative 1e-3 or absolute 2e-5.
                var tolerance = 2e-5 + 1e-3 * Math.Abs(numeric);
                Assert.True(
                    Math.Abs(analytic[i] - numeric) <= tolerance,
                    $"{name}[{i - offset}]: analytic {analytic[i]:G6} vs numeric {numeric:G6}");
            }
        }

        Assert.Equal(layout.TotalCount, groups.Sum(g => g.Length));
        Assert.Contains(analytic.AsSpan(0, layout.EmbeddingParameterCount).ToArray(), g => g != 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // groups split between slices: each slice must hold whole groups
    public void Group_softmax_gradients_match_central_differences(int partitions)
    {
        const int groupSize = 3;
        // Seeds where no row has every first-layer unit dead: its next layer would then sit exactly on the ReLU
        // kink (biases start at 0), where finite differences see half a slope.
        var spec = SyntheticData.TinySpec();
        var network = new RankingNetwork(spec);
        var data = SyntheticData.Random(spec, rows: 4 * groupSize, seed: 11, withWeights: true);
        for (var r = 0; r < data.Rows; r++)
        {
            data.Labels[r] = r % groupSize == 0 ? 1f : 0f;
        }

        data.Weights![4] = 0f; // a masked negative leaves its group's softmax
        data.Labels[6] = 0.5f; // a soft label weighs its group by half
        var rows = Enumerable.Range(0, data.Rows).ToArray();
        var options = new TrainerOptions { Partitions = partitions, BatchSize = data.Rows, Loss = TrainingLoss.GroupSoftmax, GroupSize = groupSize };
        var session = new TrainingSession(network, data, options);

        var (meanLoss, _) = session.AccumulateGradients(rows, 0, rows.Length);
        var analytic = session.Gradient.ToArray();

        var layout = network.Layout;
        var p = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceNetwork.GroupSoftmaxLoss(spec, layout, p, data, rows, groupSize), meanLoss, 5);
        const double h = 1e-5;
        var failures = new List<string>();
        for (var i = 0; i < p.Length; i++)
        {
            var saved = p[i];
            p[i] = saved + h;
            var plus = ReferenceNetwork.GroupSoftmaxLoss(spec, layout, p, data, rows, groupSize);
            p[i] = saved - h;
            var minus = ReferenceNetwork.GroupSoftmaxLoss(spec, layout, p, data, rows, groupSize);
            p[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            var tolerance = 2e-5 + 1e-3 * Math.Abs(numeric);
            if (Math.Abs(analytic[i] - numeric) > tolerance) { failures.Add($"parameter {i}: analytic {analytic[i]:G6} vs numeric {numeric:G6}"); }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));

        // Only differences between a group's logits matter: the output bias gets no gradient.
        Assert.Equal(0f, analytic[layout.BiasOffset(layout.LayerCount - 1)], 6);
    }

    [Fact]
    public void Embedding_rows_no_row_uses_get_zero_gradient()
    {
        var spec = SyntheticData.TinySpec();
        var network = new RankingNetwork(spec);
        var data = SyntheticData.Random(spec, rows: 2, seed: 5, outOfVocabulary: false);
        data.CategoricalRow(0)[0] = 1;
        data.CategoricalRow(1)[0] = 1;
        var session = new TrainingSession(network, data, new TrainerOptions { Partitions = 2, BatchSize = 2 });

        session.AccumulateGradients([0, 1], 0, 2);

        var table = session.Gradient.Slice(network.Layout.EmbeddingOffset(0), 4 * 2).ToArray();
        Assert.All(new[] { 0, 2, 3 }, id => Assert.Equal([0f, 0f], table.AsSpan(id * 2, 2).ToArray()));
        Assert.Contains(table.AsSpan(2, 2).ToArray(), g => g != 0);
    }

    private static List<(string Name, int Offset, int Length)> Groups(ModelSpec spec, ParameterLayout layout)
    {
        var groups = new List<(string, int, int)>();
        for (var k = 0; k < spec.CategoricalCount; k++)
        {
            groups.Add(($"embedding_{k}", layout.EmbeddingOffset(k), spec.Categorical[k].VocabularySize * spec.Categorical[k].EmbeddingDim));
        }

        for (var l = 0; l < layout.LayerCount; l++)
        {
            groups.Add(($"weight_{l}", layout.WeightOffset(l), layout.WeightCount(l)));
            groups.Add(($"bias_{l}", layout.BiasOffset(l), layout.LayerOutputs[l]));
        }

        return groups;
    }
}
