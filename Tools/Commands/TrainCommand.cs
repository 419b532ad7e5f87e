using System.Diagnostics;
using System.Globalization;
using LeadRecs.Ranking.Evaluation.Simulated;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Tools;

/// <summary>
/// <c>leadrecs train</c>: trains the deep ranking model on a simulated market (or on <c>leadrecs simulate</c>'s
/// CSV output) and writes model.onnx + manifest.json. <c>--evaluate</c> also runs the simulated protocol.
/// </summary>
public sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "train the deep ranking model on simulated or recorded market data and write its artifact";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("out", "DIR", "where the artifact goes (required)"),
        OptionSpec.Valued("data", "SIMULATE_DIR", "train on files written by leadrecs simulate instead of simulating"),
        OptionSpec.Valued("seed", "N", "simulation seed (default 42)"),
        OptionSpec.Valued("users", "N", "simulated users (default 300)"),
        OptionSpec.Valued("leads", "N", "simulated leads (default 2000)"),
        OptionSpec.Valued("days", "N", "simulated days (default 30)"),
        OptionSpec.Flag("synthetic", "synthetic leads instead of King County sales"),
        OptionSpec.Valued("schema", "VERSION", "feature schema version, e.g. v2"),
        OptionSpec.Valued("epochs", "N", "maximum epochs"),
        OptionSpec.Valued("negatives", "X", "sampled negatives per impression"),
        OptionSpec.Valued("hidden", "SIZES", "hidden layer sizes, e.g. 64,32"),
        OptionSpec.Valued("version", "V", "model version written in the manifest"),
        OptionSpec.Flag("evaluate", "also run the simulated protocol (not with --data)"),
        OptionSpec.Valued("train-fraction", "X", "with --evaluate: share of the period trained on (default 0.8)"),
    ];

    public async Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = args.GetRequiredString("out");
        var trainer = TrainerOptions(args);
        var progress = new ThrottledWriter(output);
        var clock = Stopwatch.StartNew();

        MarketHistory history;
        SimulationOptions? simulation = null;
        if (args.GetString("data") is { } data)
        {
            if (args.Has("evaluate"))
            {
                throw new CommandArgsException("--evaluate needs the simulator's hidden preferences; use --seed/--users/--leads/--days instead of --data.");
            }
            history = MarketHistoryCsvReader.Read(data);
            output.WriteLine(Invariant($"read {history.Leads.Count:N0} leads, {history.Interactions.Count:N0} interactions from {data}"));
        }
        else
        {
            simulation = SimulationOptions(args);
            var market = MarketSimulator.Simulate(simulation, cancellationToken: cancellationToken);
            history = MarketHistory.From(market);
            output.WriteLine(Invariant(
                $"simulated {market.Source}: {market.Leads.Count:N0} leads, {market.Users.Count:N0} users, {market.Interactions.Count:N0} interactions in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var result = await Task.Run(
            () => new LeadModelTrainer(trainer).Train(history, new Reporter(progress), cancellationToken), cancellationToken);
        await result.Artifact.SaveAsync(directory, cancellationToken);
        PrintResult(output, result, directory);

        if (args.Has("evaluate") && simulation is not null)
        {
            var protocol = new SimulatedProtocolOptions
            {
                Simulation = simulation,
                Trainer = trainer,
                TrainFraction = args.GetDouble("train-fraction", 0.8),
            };
            output.WriteLine(Invariant($"simulated protocol: train on the first {protocol.TrainFraction:P0} of the period, rank every user at its end"));
            var rows = await Task.Run(
                () => SimulatedProtocol.Run(protocol, new SyncReporter<SimulatedProtocolProgress>(p => progress.Write("eval " + p.Message)), cancellationToken),
                cancellationToken);
            output.WriteLine($"{"model",-26} {"relevant@" + protocol.K,12} {"training s",11}");
            foreach (var row in rows)
            {
                output.WriteLine(Invariant($"{row.Model,-26} {row.RelevantAtK,12:0.000} {row.TrainingSeconds,11:0.0}"));
            }
        }
        return 0;
    }

    private static LeadModelTrainerOptions TrainerOptions(CommandArgs args)
    {
        var defaults = new LeadModelTrainerOptions();
        var schema = args.GetString("schema") is { } version
            ? FeatureSchemas.TryGet(version, out var known) ? known : throw new CommandArgsException($"--schema: unknown version '{version}'.")
            : FeatureSchemas.Latest;
        var hidden = args.GetString("hidden") is { } text
            ? text.Split(',').Select(h => int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new CommandArgsException($"--hidden must be sizes like 64,32, not '{text}'.")).ToArray()
            : defaults.HiddenSizes;
        var epochs = args.GetInt("epochs", defaults.Trainer.MaxEpochs);
        var negatives = args.GetDouble("negatives", defaults.TrainingSet.SampledNegativesPerImpression);
        if (epochs < 1 || negatives is < 0 or > 100)
        {
            throw new CommandArgsException("--epochs must be at least 1 and --negatives within [0, 100].");
        }
        return defaults with
        {
            ModelVersion = args.GetString("version"),
            HiddenSizes = hidden,
            Trainer = defaults.Trainer with { MaxEpochs = epochs },
            TrainingSet = defaults.TrainingSet with { Schema = schema, SampledNegativesPerImpression = negatives },
        };
    }

    private static SimulationOptions SimulationOptions(CommandArgs args)
    {
        var defaults = new SimulationOptions();
        var options = new SimulationOptions
        {
            Seed = args.GetInt("seed", defaults.Seed),
            UserCount = args.GetInt("users", defaults.UserCount),
            LeadCount = args.GetInt("leads", defaults.LeadCount),
            Days = args.GetInt("days", defaults.Days),
            UseKcHouse = !args.Has("synthetic"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CommandArgsException($"{ex.ParamName} is out of range ({ex.ActualValue}).");
        }
        return options;
    }

    private static void PrintResult(TextWriter output, LeadModelTrainingResult result, string directory)
    {
        var m = result.Artifact.Manifest;
        var set = result.TrainingSet;
        output.WriteLine(Invariant(
            $"training set: {set.Count:N0} rows ({set.Impressions:N0} impressions, {set.Count - set.Impressions:N0} sampled negatives), {set.Positives:N0} positives, schema {set.Schema.Version}, built in {result.BuildTime.TotalSeconds:0.0} s"));
        output.WriteLine(Invariant(
            $"trained: {result.Training.EpochsRun} epochs (best {result.Training.BestEpoch}), {result.Training.SamplesPerSecond:N0} samples/s, {result.TrainTime.TotalSeconds:0.0} s"));
        output.WriteLine(Invariant(
            $"validation: AUC {result.Training.BestValidationAuc:0.0000}, log loss {result.Training.BestValidationLoss:0.0000} on {result.Training.ValidationRows:N0} rows"));
        output.WriteLine($"model {m.ModelName} {m.ModelVersion} (schema {m.SchemaVersion}, sha256 {m.OnnxSha256[..12]}…)");
        output.WriteLine($"wrote {ModelArtifact.OnnxFileName}, {ModelArtifact.ManifestFileName} to {Path.GetFullPath(directory)}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Epoch lines always; replay lines at most once a second, so a long build does not flood the terminal.</summary>
    private sealed class Reporter(ThrottledWriter writer) : IProgress<LeadModelTrainingProgress>
    {
        public void Report(LeadModelTrainingProgress value)
        {
            if (value.Stage == LeadModelTrainingStage.BuildingTrainingSet)
            {
                writer.Write("build " + value.Message);
            }
            else if (value.Stage == LeadModelTrainingStage.Training)
            {
                writer.Write("train " + value.Message, force: true);
            }
        }
    }

    private sealed class SyncReporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class ThrottledWriter(TextWriter output)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromDays(-1);

        public void Write(string line, bool force = false)
        {
            var now = _clock.Elapsed;
            if (!force && now - _last < TimeSpan.FromSeconds(1))
            {
                return;
            }
            _last = now;
            output.WriteLine(Invariant($"[{now.TotalSeconds,6:0.0}s] {line}"));
        }
    }
}
