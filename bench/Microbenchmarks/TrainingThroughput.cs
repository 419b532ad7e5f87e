using System.Diagnostics;
using System.Globalization;
using LeadRecs.Ranking.Evaluation.Progress;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Microbenchmarks;

/// <summary>
/// <c>training-throughput</c>: trains the production-sized network (D = 24, C = 5, 64-32 MLP) on a million synthetic
/// rows for a few epochs and prints samples per second, wall and per CPU-second. One long run whose figure is a rate,
/// so it is a plain command rather than a BenchmarkDotNet benchmark (which would repeat it many times over).
/// </summary>
public static class TrainingThroughput
{
    public const string Verb = "training-throughput";

    public static int Run(string[] args, TextWriter output)
    {
        var rows = 1_000_000;
        var epochs = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length: rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--epochs" when i + 1 < args.Length: epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"usage: {Verb} [--rows 1000000] [--epochs 3]");
                    return 2;
            }
        }
        if (rows < 100 || epochs < 1)
        {
            Console.Error.WriteLine("--rows must be at least 100 and --epochs at least 1.");
            return 2;
        }

        var data = SyntheticRows.Create(rows, seed: 1);
        var process = Process.GetCurrentProcess();
        var cpu = new List<TimeSpan> { process.TotalProcessorTime };
        var reports = new List<TrainingProgress>();
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            process.Refresh();
            cpu.Add(process.TotalProcessorTime);
            reports.Add(p);
            output.WriteLine(Invariant($"epoch {p.Epoch}/{epochs}: {p.SamplesPerSecond:N0} samples/s, at {p.Elapsed.TotalSeconds:F1} s"));
        });
        var trainer = new RankingTrainer(new TrainerOptions { MaxEpochs = epochs, ValidationFraction = 0.05, Patience = 5 });

        var result = trainer.Train(SyntheticRows.Spec, data, progress);

        // The machine is shared, so wall-clock samples/s depends on the neighbours; CPU seconds per epoch do not.
        foreach (var p in reports)
        {
            var cpuSeconds = (cpu[p.Epoch] - cpu[p.Epoch - 1]).TotalSeconds;
            output.WriteLine(Invariant(
                $"epoch {p.Epoch}: loss {p.TrainLoss:F4} val {p.ValidationLoss:F4} auc {p.ValidationAuc:F4} {p.SamplesPerSecond:N0} samples/s wall, {result.TrainRows / cpuSeconds:N0} samples per CPU-second (incl. validation)"));
        }
        output.WriteLine(Invariant(
            $"{rows:N0} rows, {Environment.ProcessorCount} cores, {result.SamplesPerSecond:N0} samples/s overall, {result.Elapsed.TotalSeconds:F1} s for {result.EpochsRun} epochs"));
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
