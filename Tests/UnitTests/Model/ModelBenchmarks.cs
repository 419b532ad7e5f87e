using LeadRecs.UnitTests.Benchmarking;
using System.Diagnostics;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace LeadRecs.UnitTests.Model;

/// <summary>Throughput and latency figures at production-like sizes (D = 24, C = 5, 64-32 MLP).</summary>
[Trait("Category", "Benchmark")]
public sealed class ModelBenchmarks(ITestOutputHelper output)
{
    private static readonly ModelSpec Spec = new(
        24,
        [
            new("user_bucket", 4096, 16),
            new("lead_bucket", 8192, 16),
            new("lead_kind", 8, 4),
            new("price_band", 16, 4),
            new("geo_cell_bucket", 2048, 8),
        ],
        [64, 32],
        Seed: 1);

    [BenchmarkFact]
    public void Training_throughput_on_one_million_rows()
    {
        var data = Synthetic(1_000_000, seed: 1);
        var process = Process.GetCurrentProcess();
        var cpu = new List<TimeSpan> { process.TotalProcessorTime };
        var reports = new List<TrainingProgress>();
        var progress = new CallbackProgress(p =>
        {
            process.Refresh();
            cpu.Add(process.TotalProcessorTime);
            reports.Add(p);
        });
        var trainer = new RankingTrainer(new TrainerOptions { MaxEpochs = 3, ValidationFraction = 0.05, Patience = 5 });

        var result = trainer.Train(Spec, data, progress);

        // The machine is shared, so wall-clock samples/s depends on the neighbours; CPU seconds per epoch do not.
        foreach (var p in reports)
        {
            var cpuSeconds = (cpu[p.Epoch] - cpu[p.Epoch - 1]).TotalSeconds;
            output.WriteLine(
                $"epoch {p.Epoch}: loss {p.TrainLoss:F4} val {p.ValidationLoss:F4} auc {p.ValidationAuc:F4} " +
                $"{p.SamplesPerSecond:N0} samples/s wall, {result.TrainRows / cpuSeconds:N0} samples per CPU-second (incl. validation), at {p.Elapsed.TotalSeconds:F1}s");
        }

        output.WriteLine($"{Environment.ProcessorCount} cores, {result.SamplesPerSecond:N0} samples/s overall, {result.Elapsed.TotalSeconds:F1}s for {result.EpochsRun} epochs");
    }

    [BenchmarkFact]
    public void Onnx_scoring_latency_for_1000_candidates()
    {
        const int rows = 1000;
        var network = new RankingNetwork(Spec);
        var inputs = Synthetic(rows, seed: 2);
        using var scorer = new OnnxScorer(OnnxModelWriter.Write(network, new OnnxModelInfo("bench", "1", "s")));
        scorer.Warmup();
        var scores = new float[rows];

        var ort = Measure(() => scorer.Score(inputs.Dense, inputs.Categorical, rows, scores), 3000);
        var managed = Measure(() => network.Predict(inputs.Dense, inputs.Categorical, rows, scores), 500);

        output.WriteLine($"ONNX Runtime, {rows} rows: median {ort.Median:F1} µs, p99 {ort.P99:F1} µs");
        output.WriteLine($"RankingNetwork.Predict, {rows} rows: median {managed.Median:F1} µs, p99 {managed.P99:F1} µs");
    }

    private static (double Median, double P99) Measure(Action action, int runs) => Latency.Measure(action, runs, warmup: 50);

    private sealed class CallbackProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>Label from a hidden nonlinear rule so the loss actually moves; ids skewed like real popularity.</summary>
    private static TrainingData Synthetic(int rows, int seed)
    {
        var random = new Random(seed);
        var data = TrainingData.Allocate(rows, Spec.DenseWidth, Spec.CategoricalCount);
        for (var i = 0; i < rows; i++)
        {
            var dense = data.DenseRow(i);
            for (var j = 0; j < dense.Length; j++)
            {
                dense[j] = (float)(random.NextDouble() * 2 - 1);
            }

            var ids = data.CategoricalRow(i);
            for (var k = 0; k < ids.Length; k++)
            {
                var vocabulary = Spec.Categorical[k].VocabularySize;
                ids[k] = (int)(vocabulary * Math.Pow(random.NextDouble(), 2));
            }

            var logit = 2 * dense[0] * dense[1] - dense[2] + ((ids[0] * 7 + ids[1]) % 5 - 2) * 0.5;
            data.Labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return data;
    }
}
