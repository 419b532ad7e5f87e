namespace LeadRecs.Tools;

/// <summary>One verb of the <c>leadrecs</c> command line.</summary>
public interface ICommand
{
    string Name { get; }

    string Summary { get; }

    /// <summary>Every option the verb accepts: the parser refuses any other, and <c>--help</c> prints them.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken);
}
