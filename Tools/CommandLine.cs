namespace LeadRecs.Tools;

/// <summary>Dispatches <c>leadrecs &lt;verb&gt; [--option value]...</c> to a command.</summary>
public static class CommandLine
{
    // Each verb lives in Commands/; register it here.
    private static readonly ICommand[] Commands =
    [
        new EvalCommand(),
        new MigrateCommand(),
        new RecommendCommand(),
        new SeedCommand(),
        new TrainCommand(),
        new Commands.SimulateCommand(),
        new Commands.FraudEvalCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(output);
            return args.Length == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            error.WriteLine($"leadrecs: unknown verb '{args[0]}'.");
            PrintUsage(error);
            return 2;
        }

        var rest = args.AsSpan(1);
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            CommandHelp.Write(output, command);
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            return await command.RunAsync(CommandArgs.Parse(args.AsSpan(1), command.Options), output, cancellation.Token);
        }
        catch (CommandArgsException ex)
        {
            error.WriteLine($"leadrecs {command.Name}: {ex.Message}");
            return 2;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: leadrecs <verb> [--option value]...   (leadrecs <verb> --help lists the verb's options)");
        foreach (var command in Commands)
        {
            writer.WriteLine($"  {command.Name,-10} {command.Summary}");
        }
    }
}
