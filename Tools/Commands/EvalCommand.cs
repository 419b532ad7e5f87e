using System.Text.Json;
using System.Text.Json.Serialization;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Simulation.Bots;
using LeadRecs.Ranking.Evaluation.Simulated;
using System.Globalization;
using LeadRecs.Ranking.Evaluation;
using LeadRecs.Ranking.Evaluation.Data;
using LeadRecs.Ranking.Evaluation.Data.Ncf;
using LeadRecs.Ranking.Evaluation.Models.Deep;
using LeadRecs.Ranking.Evaluation.Protocols;
using LeadRecs.Ranking.Evaluation.Reporting;
using LeadRecs.Ranking.Model;

// In LeadRecs.Tools (not .Commands) so CommandLine's registration line needs no using.
namespace LeadRecs.Tools;

/// <summary>
/// <c>leadrecs eval</c>: reads generic interaction files, fits the deep model and the baselines, and prints a
/// table of their offline metrics (progress bars go to stderr). See Ranking/Evaluation/README.md.
/// </summary>
public sealed class EvalCommand : ICommand
{
    public string Name => "eval";

    public string Summary =>
        "offline evaluation of the deep model against baselines on interaction files, or on the simulated market "
        + "(see Ranking/Evaluation/README.md)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("protocol", "NAME", "loo (1 held-out + sampled negatives, default), loo-full (held-out item vs every unseen item), split (--test), simulated"),
        OptionSpec.Valued("input", "FILE", "interactions: user, item[, rating][, timestamp] (required unless simulated); "
            + "PREFIX.train.rating reads an NCF split with its .test.rating and .test.negative"),
        OptionSpec.Valued("test", "FILE", "test interactions (--protocol split)"),
        OptionSpec.Valued("locations", "FILE", "item coordinates: item lat lon"),
        OptionSpec.Valued("models", "LIST", "comma-separated: " + string.Join(",", ModelCatalog.Names) + " (default: deep[,deep-nogeo],popularity,bpr,ease,ials)"),
        OptionSpec.Valued("seed", "N", "seed of every random choice (default 42)"),
        OptionSpec.Valued("max-users", "N", "only the first N users of the input file"),
        OptionSpec.Valued("negatives", "N", "sampled negatives per held-out item in loo (default 99)"),
        OptionSpec.Valued("threads", "N", "worker threads (default: all cores)"),
        OptionSpec.Flag("no-tune", "defaults instead of tuning on the validation split"),
        OptionSpec.Flag("validation", "score on a split carved from the training data instead of the test cases"),
        OptionSpec.Valued("json", "FILE", "also write the report as JSON, and a bar chart of it beside (FILE with .svg)"),
        OptionSpec.Valued("write-split", "DIR", "write the split made (train, test, negatives) in the NCF layout there"),
        OptionSpec.Valued("deep-hidden", "SIZES", "deep: hidden layers, e.g. 128-64 (replaces the tuned architectures)"),
        OptionSpec.Valued("deep-lr", "X", "deep: learning rate"),
        OptionSpec.Valued("deep-epochs", "N", "deep: maximum epochs"),
        OptionSpec.Valued("deep-dim", "N", "deep: embedding size"),
        OptionSpec.Valued("deep-negatives", "N", "deep: negatives per positive"),
        OptionSpec.Valued("deep-uniform", "X", "deep: share of uniform negatives (rest from the candidate pool)"),
        OptionSpec.Valued("deep-pool", "N", "deep: candidate pool size per user"),
        OptionSpec.Valued("deep-lr-decay", "X", "deep: learning-rate decay per epoch"),
        OptionSpec.Valued("deep-l2", "X", "deep: L2 weight penalty"),
        OptionSpec.Valued("deep-radius-km", "X", "deep: radius of the local geo features"),
        OptionSpec.Flag("deep-no-affinity", "deep: without the co-occurrence affinity features"),
        OptionSpec.Valued("deep-recent", "N", "deep: recent items in the recency features"),
        OptionSpec.Valued("deep-user-neighbours", "N", "deep: nearest users in the user-kNN features"),
        OptionSpec.Valued("deep-trend-short", "X", "deep: short popularity window"),
        OptionSpec.Valued("deep-trend-long", "X", "deep: long popularity window"),
        OptionSpec.Valued("deep-average", "DECAY", "deep: moving average of the weights"),
        OptionSpec.Flag("deep-fresh-adam", "deep: a new Adam state every epoch"),
        OptionSpec.Flag("deep-dot", "deep: add the user-item dot product"),
        OptionSpec.Flag("deep-no-dot", "deep: without the user-item dot product"),
        OptionSpec.Valued("deep-loss", "NAME", "deep: softmax or logloss"),
        OptionSpec.Valued("users", "N", "simulated: users (default 300)"),
        OptionSpec.Valued("leads", "N", "simulated: leads (default 2000)"),
        OptionSpec.Valued("days", "N", "simulated: days (default 30)"),
        OptionSpec.Valued("train-fraction", "X", "simulated: share of the period trained on (default 0.8)"),
        OptionSpec.Valued("bots", "SEED", "simulated: inject bots seeded by SEED"),
        OptionSpec.Valued("filter", "MODE", "simulated with --bots: on, off or both (default)"),
        OptionSpec.Flag("separate-clients", "simulated with --bots: each bot on its own client"),
    ];

    public Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var protocolName = args.GetString("protocol", "loo");
        if (protocolName == "simulated")
        {
            return RunSimulatedAsync(args, output, cancellationToken);
        }

        if (protocolName is not ("loo" or "loo-full" or "split"))
        {
            throw new CommandArgsException($"--protocol must be loo, loo-full, split or simulated, not '{protocolName}'.");
        }

        var seed = args.GetInt("seed", 42);
        var maxUsers = args.GetInt("max-users", int.MaxValue);
        var negatives = args.GetInt("negatives", LeaveOneOutProtocol.DefaultNegatives);
        var threads = args.GetInt("threads", 0);
        if (maxUsers < 1 || negatives < 1 || threads < 0)
        {
            throw new CommandArgsException("--max-users and --negatives must be at least 1, --threads at least 0.");
        }

        var inputPath = ExistingFile(args, "input");
        var testPath = protocolName == "split" ? ExistingFile(args, "test") : null;
        var locationsPath = args.Has("locations") ? ExistingFile(args, "locations") : null;
        var modelNames = ParseModels(args.GetString("models"), locationsPath is not null);

        var users = new IdMap();
        var items = new IdMap();
        var ncf = NcfFiles.IsTrainFile(inputPath) ? ReadNcf(inputPath, protocolName, users, items, output) : null;
        var train = ncf?.Train ?? Read(inputPath, users, items, output);
        var test = testPath is null ? null : Read(testPath, users, items, output);
        if (maxUsers < users.Count)
        {
            // Indexes follow first appearance in the input file, so "the first N users" is deterministic.
            train = train.Where(r => train.Users[r] < maxUsers);
            test = test?.Where(r => test.Users[r] < maxUsers);
            ncf = ncf is null ? null : new NcfSplit(train, ncf.Cases.Where(c => c.User < maxUsers).ToList());
        }

        var locations = locationsPath is null ? null : ItemLocationReader.Read(locationsPath, items);
        if (locations is not null)
        {
            output.WriteLine($"locations: {locationsPath}: {locations.Known:N0} of {items.Count:N0} items located");
        }

        EvaluationProtocol protocol = ncf is not null
            ? LeaveOneOutProtocol.FromGivenSplit(ncf.Train, ncf.Cases, users.Count, items.Count, locations, seed, protocolName == "loo-full")
            : test is not null
            ? SplitProtocol.Create(train, test, users.Count, items.Count, locations)
            : protocolName == "loo-full"
                ? LeaveOneOutProtocol.CreateFullRanking(train, users.Count, items.Count, locations, seed)
                : LeaveOneOutProtocol.Create(train, users.Count, items.Count, locations, seed, negatives);
        if (args.Has("validation"))
        {
            // Tuning defaults by hand happens here: on data carved from training, never on the test cases.
            protocol = protocol.CarveValidation(seed + 1);
        }

        if (args.GetString("write-split") is { } splitDirectory)
        {
            foreach (var path in NcfWriter.Write(splitDirectory, protocol, users, items))
            {
                output.WriteLine($"wrote {Path.GetFullPath(path)}");
            }
        }

        var deep = DeepOptionsFrom(args);
        var models = modelNames.Select(n => ModelCatalog.Create(n, deep)).ToList();
        var inputs = new[] { inputPath, testPath, locationsPath }.OfType<string>().Select(Path.GetFullPath).ToList();
        var report = EvaluationRunner.Run(protocol, models, inputs, seed, tune: !args.Has("no-tune"), Console.Error, threads, cancellationToken);
        ReportTable.Write(output, report);
        if (args.GetString("json") is { } jsonPath)
        {
            ReportJson.Write(jsonPath, report);
            output.WriteLine($"wrote {Path.GetFullPath(jsonPath)}");
            output.WriteLine($"wrote {Path.GetFullPath(ReportChart.WriteBeside(jsonPath, report))}");
        }

        return Task.FromResult(0);
    }

    /// <summary>Overrides of the deep model's defaults, for tuning runs on <c>--validation</c>.</summary>
    private static DeepOptions DeepOptionsFrom(CommandArgs args)
    {
        var d = new DeepOptions();
        var hidden = args.GetString("deep-hidden");
        var sizes = hidden is null ? d.HiddenSizes : ParseSizes(hidden);
        var rate = (float)args.GetDouble("deep-lr", d.LearningRate);
        return d with
        {
            // Naming an architecture replaces the tuned candidates with it.
            Architectures = hidden is null && !args.Has("deep-lr") ? d.Architectures : [new DeepArchitecture(sizes, rate)],
            Epochs = args.GetInt("deep-epochs", d.Epochs),
            EmbeddingDim = args.GetInt("deep-dim", d.EmbeddingDim),
            HiddenSizes = sizes,
            NegativesPerPositive = args.GetInt("deep-negatives", d.NegativesPerPositive),
            UniformNegativeShare = args.GetDouble("deep-uniform", d.UniformNegativeShare),
            PoolSize = args.GetInt("deep-pool", d.PoolSize),
            LearningRate = rate,
            LearningRateDecay = (float)args.GetDouble("deep-lr-decay", d.LearningRateDecay),
            L2 = (float)args.GetDouble("deep-l2", d.L2),
            RadiusKm = args.GetDouble("deep-radius-km", d.RadiusKm),
            UseAffinity = !args.Has("deep-no-affinity"),
            RecentWindow = args.GetInt("deep-recent", d.RecentWindow),
            UserNeighbours = args.GetInt("deep-user-neighbours", d.UserNeighbours),
            TrendShortWindow = args.GetDouble("deep-trend-short", d.TrendShortWindow),
            TrendLongWindow = args.GetDouble("deep-trend-long", d.TrendLongWindow),
            WeightAverageDecay = args.GetDouble("deep-average", d.WeightAverageDecay),
            FreshOptimizerEachEpoch = args.Has("deep-fresh-adam") || d.FreshOptimizerEachEpoch,
            DotProduct = args.Has("deep-dot") || (d.DotProduct && !args.Has("deep-no-dot")),
            Loss = args.GetString("deep-loss") switch
            {
                null => d.Loss,
                "logloss" => TrainingLoss.LogLoss,
                "softmax" => TrainingLoss.GroupSoftmax,
                var other => throw new CommandArgsException($"--deep-loss must be logloss or softmax, not '{other}'."),
            },
        };
    }

    private static int[] ParseSizes(string text)
    {
        try
        {
            return text.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new CommandArgsException($"--deep-hidden must look like 128-64, not '{text}'.");
        }
    }

    /// <summary>An NCF benchmark split (PREFIX.train.rating with its .test.rating and .test.negative), read as it is.</summary>
    private static NcfSplit ReadNcf(string trainPath, string protocolName, IdMap users, IdMap items, TextWriter output)
    {
        if (protocolName == "split")
        {
            throw new CommandArgsException("an NCF split (*.train.rating) is leave-one-out: use --protocol loo or loo-full.");
        }

        try
        {
            var split = NcfReader.Read(trainPath, users, items);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"input: NCF split {NcfFiles.Prefix(trainPath)}: {split.Train.Count:N0} training rows, {split.Cases.Count:N0} test users with their negatives"));
            return split;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
        {
            throw new CommandArgsException(ex.Message);
        }
    }

    private static InteractionTable Read(string path, IdMap users, IdMap items, TextWriter output)
    {
        try
        {
            var format = InteractionFormatDetector.Detect(path);
            var table = InteractionReader.Read(path, users, items, format);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {path}: {table.Count:N0} rows ({format})"));
            return table;
        }
        catch (InvalidDataException ex)
        {
            throw new CommandArgsException(ex.Message);
        }
    }

    private static string ExistingFile(CommandArgs args, string option)
    {
        var path = args.GetRequiredString(option);
        return File.Exists(path) ? path : throw new CommandArgsException($"--{option}: no file at '{path}'.");
    }

    private static List<string> ParseModels(string? text, bool hasLocations)
    {
        if (text is null)
        {
            // Without locations deep and deep-nogeo are the same model; run it once.
            return hasLocations
                ? [ModelCatalog.Deep, ModelCatalog.DeepNoGeo, ModelCatalog.Popularity, ModelCatalog.Bpr, ModelCatalog.Ease, ModelCatalog.Ials]
                : [ModelCatalog.Deep, ModelCatalog.Popularity, ModelCatalog.Bpr, ModelCatalog.Ease, ModelCatalog.Ials];
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = names.FirstOrDefault(n => !ModelCatalog.Names.Contains(n));
        if (unknown is not null || names.Count == 0)
        {
            throw new CommandArgsException($"--models: unknown model '{unknown}'; known: {string.Join(", ", ModelCatalog.Names)}.");
        }

        return names;
    }

    /// <summary>
    /// The simulated market (<c>--seed --users --leads --days</c>): models train on the first part of the period
    /// (<c>--train-fraction</c>), then every user is ranked at its end and scored by the hidden preferences.
    /// </summary>
    private static async Task<int> RunSimulatedAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var defaults = new SimulationOptions();
        var options = new SimulatedProtocolOptions
        {
            Simulation = defaults with
            {
                Seed = args.GetInt("seed", defaults.Seed),
                UserCount = args.GetInt("users", defaults.UserCount),
                LeadCount = args.GetInt("leads", defaults.LeadCount),
                Days = args.GetInt("days", defaults.Days),
            },
            TrainFraction = args.GetDouble("train-fraction", 0.8),
        };
        if (args.Has("bots"))
        {
            return await RunSimulatedWithBotsAsync(args, options, output, cancellationToken);
        }
        if (args.Has("filter") || args.Has("separate-clients"))
        {
            throw new CommandArgsException("--filter and --separate-clients need --bots SEED.");
        }

        var rows = await Task.Run(() => SimulatedProtocol.Run(options, new Progress<SimulatedProtocolProgress>(
            p => Console.Error.Write($"\r{p.Stage}: {p.Fraction,6:P0} {p.Message}".PadRight(100))), cancellationToken), cancellationToken);
        Console.Error.WriteLine();
        output.WriteLine($"simulated protocol (seed {options.Simulation.Seed}, {options.Simulation.UserCount} users, {options.Simulation.LeadCount} leads, {options.Simulation.Days} days)");
        output.WriteLine($"| {"model",-26} | {"relevant@" + options.K,12} | {"training s",10} | {"users",6} |");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {row.Model,-26} | {row.RelevantAtK,12:0.000} | {row.TrainingSeconds,10:0.0} | {row.Users,6} |"));
        }
        if (args.GetString("json") is { } json)
        {
            await File.WriteAllTextAsync(json, System.Text.Json.JsonSerializer.Serialize(rows, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }
        return 0;
    }

    /// <summary>
    /// <c>--bots SEED</c>: the simulated protocol with bots injected (seeded by SEED), every model fitted on the events
    /// of each scenario (<c>--filter off</c>: no bots, bots unfiltered; <c>on</c>: no bots, filtered at ingestion and in
    /// the log; <c>both</c>, the default: all four); prints relevant@k and the bot-promoted share of top-k slots.
    /// </summary>
    private static async Task<int> RunSimulatedWithBotsAsync(
        CommandArgs args, SimulatedProtocolOptions protocol, TextWriter output, CancellationToken cancellationToken)
    {
        var filter = args.GetString("filter", "both") switch
        {
            "on" => BotFilterMode.On,
            "off" => BotFilterMode.Off,
            "both" => BotFilterMode.Both,
            var other => throw new CommandArgsException($"--filter must be on, off or both, not '{other}'."),
        };
        var options = new SimulatedBotOptions
        {
            Protocol = protocol,
            Bots = new BotOptions { Seed = args.GetInt("bots", 42), SharedClient = !args.Has("separate-clients") },
            Filter = filter,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CommandArgsException(ex.Message);
        }

        var report = await Task.Run(() => SimulatedBotProtocol.Run(options, Console.Error, cancellationToken), cancellationToken);
        SimulatedBotTable.Write(output, options, report);
        if (args.GetString("json") is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, JsonOptions), cancellationToken);
            output.WriteLine($"wrote {Path.GetFullPath(json)}");
        }
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
