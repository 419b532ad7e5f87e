using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using Xunit;

namespace LeadRecs.UnitTests.Model;

public sealed class OnnxScorerTests
{
    private static readonly Lazy<(RankingNetwork Network, byte[] Onnx)> Trained = new(() =>
    {
        var spec = SyntheticData.TinySpec(seed: 21, hidden: [16, 8]);
        var network = new RankingTrainer(new TrainerOptions { MaxEpochs = 2, BatchSize = 32 })
            .Train(spec, SyntheticData.Random(spec, 2000, seed: 4)).Network;
        return (network, OnnxModelWriter.Write(network, new OnnxModelInfo("parity", "1", "s1")));
    });

    [Fact]
    public void Onnx_runtime_matches_the_trainer_forward_pass_including_out_of_vocabulary_ids()
    {
        var (network, onnx) = Trained.Value;
        var inputs = SyntheticData.Random(network.Spec, 500, seed: 77); // ~1 in 8 ids out of range
        using var scorer = new OnnxScorer(onnx);

        var expected = new float[inputs.Rows];
        var actual = new float[inputs.Rows];
        network.Predict(inputs.Dense, inputs.Categorical, inputs.Rows, expected);
        scorer.Score(inputs.Dense, inputs.Categorical, inputs.Rows, actual);

        Assert.Contains(inputs.Categorical, id => id < 0 || id >= 4);
        Assert.All(Enumerable.Range(0, inputs.Rows), i => Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f));
        Assert.True(expected.Distinct().Count() > 100, "scores should vary with the inputs");
    }

    [Fact]
    public void Onnx_runtime_matches_the_forward_pass_of_a_network_with_an_embedding_dot_product()
    {
        var spec = SyntheticData.DotSpec(seed: 8, hidden: [16, 8]);
        var network = new RankingTrainer(new TrainerOptions { MaxEpochs = 2, BatchSize = 32 })
            .Train(spec, SyntheticData.Random(spec, 2000, seed: 6)).Network;
        var inputs = SyntheticData.Random(spec, 500, seed: 78);
        using var scorer = new OnnxScorer(OnnxModelWriter.Write(network, new OnnxModelInfo("parity-dot", "1", "s1")));

        var expected = new float[inputs.Rows];
        var actual = new float[inputs.Rows];
        network.Predict(inputs.Dense, inputs.Categorical, inputs.Rows, expected);
        scorer.Score(inputs.Dense, inputs.Categorical, inputs.Rows, actual);

        Assert.All(Enumerable.Range(0, inputs.Rows), i => Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f));
        Assert.True(expected.Distinct().Count() > 100, "scores should vary with the inputs");
    }

    [Fact]
    public void Scores_more_rows_than_its_buffers_hold_in_chunks()
    {
        var (network, onnx) = Trained.Value;
        var inputs = SyntheticData.Random(network.Spec, 50, seed: 5);
        using var scorer = new OnnxScorer(onnx, maxBatchRows: 16);

        var expected = new float[50];
        var actual = new float[50];
        network.Predict(inputs.Dense, inputs.Categorical, 50, expected);
        scorer.Score(inputs.Dense, inputs.Categorical, 50, actual);

        Assert.All(Enumerable.Range(0, 50), i => Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f));
        Assert.Equal(3, scorer.DenseWidth);
        Assert.Equal(2, scorer.CategoricalCount);
        Assert.Equal("parity", scorer.Metadata["model_name"]);
    }

    [Fact]
    public async Task Concurrent_callers_get_their_own_results()
    {
        var (network, onnx) = Trained.Value;
        using var scorer = new OnnxScorer(onnx, maxBatchRows: 64);
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var iteration = 0; iteration < 30; iteration++)
            {
                var rows = 1 + (t * 31 + iteration * 7) % 100;
                var inputs = SyntheticData.Random(network.Spec, rows, seed: t * 1000 + iteration);
                var expected = new float[rows];
                var actual = new float[rows];
                network.Predict(inputs.Dense, inputs.Categorical, rows, expected);
                scorer.Score(inputs.Dense, inputs.Categorical, rows, actual);
                for (var i = 0; i < rows; i++)
                {
                    Assert.InRange(actual[i] - expected[i], -1e-5f, 1e-5f);
                }
            }
        }));

        await Task.WhenAll(tasks);
    }

    [Fact]
    public void Rejects_short_buffers_and_use_after_dispose()
    {
        var (_, onnx) = Trained.Value;
        var scorer = new OnnxScorer(onnx);
        scorer.Warmup();
        Assert.Throws<ArgumentException>(() => scorer.Score(new float[5], new int[4], 2, new float[2]));
        scorer.Dispose();
        scorer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => scorer.Score(new float[3], new int[2], 1, new float[1]));
    }

    [Fact]
    public void Rejects_a_model_without_the_serving_signature()
    {
        var model = LeadRecs.Ranking.Onnx.Proto.ModelProto.Parser.ParseFrom(Trained.Value.Onnx);
        model.Graph.Output[0].Name = "probability";
        model.Graph.Node[^1].Output[0] = "probability";
        Assert.Throws<ArgumentException>(() => new OnnxScorer(Google.Protobuf.MessageExtensions.ToByteArray(model)));
    }
}
