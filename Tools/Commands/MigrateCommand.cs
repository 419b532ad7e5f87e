using LeadRecs.Storage;
using Npgsql;

// In LeadRecs.Tools (not .Commands) so CommandLine's registration line needs no using.
namespace LeadRecs.Tools;

/// <summary><c>leadrecs migrate [--connection "Host=...;Database=..."]</c>: applies the PostgreSQL schema.</summary>
public sealed class MigrateCommand : ICommand
{
    /// <summary>Read when <c>--connection</c> is absent, so deployments need not put a password on a command line.</summary>
    public const string ConnectionVariable = "LEADRECS_POSTGRES";

    public string Name => "migrate";

    public string Summary => $"apply the PostgreSQL schema; safe to repeat (connection from --connection, else env {ConnectionVariable})";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("connection", "CONNSTRING", $"Npgsql connection string (default: env {ConnectionVariable})"),
    ];

    public async Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var connectionString = args.GetString("connection") ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CommandArgsException($"--connection is required (an Npgsql connection string), or set {ConnectionVariable}.");
        }

        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new CommandArgsException($"the connection string is not valid: {ex.Message}");
        }

        // Never echo the connection string itself: it usually carries a password.
        output.WriteLine($"migrating {target.Host}:{target.Port}/{target.Database}");
        IReadOnlyList<SchemaScriptResult> results;
        try
        {
            results = await new SchemaMigrator().MigrateAsync(connectionString, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            output.WriteLine($"migration failed, nothing was changed: {ex.Message}");
            return 1;
        }

        foreach (var result in results)
        {
            output.WriteLine($"  {result.Action.ToString().ToLowerInvariant(),-9} {result.Name}  sha256:{result.Sha256[..12]}");
        }
        var changed = results.Count(r => r.Action != SchemaScriptAction.Skipped);
        output.WriteLine($"{changed} applied, {results.Count - changed} skipped");
        return 0;
    }
}
