using System.Globalization;

namespace LeadRecs.Tools;

/// <summary>
/// Options of the form <c>--name value</c>, <c>--name=value</c> or bare flags <c>--name</c>, checked against the
/// verb's <see cref="OptionSpec"/> table: an option not in it, one given twice, a flag given a value or a valued
/// option given none is an error naming the option, so a typo never silently runs with a default.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options;
    private readonly Dictionary<string, OptionSpec> _specs;

    private CommandArgs(Dictionary<string, string?> options, Dictionary<string, OptionSpec> specs)
    {
        _options = options;
        _specs = specs;
    }

    public static CommandArgs Parse(ReadOnlySpan<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var known = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CommandArgsException($"unexpected argument '{arg}'; options look like --name value (see --help).");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!known.TryGetValue(name, out var spec))
            {
                throw new CommandArgsException($"unknown option --{name} (see --help).");
            }

            if (options.ContainsKey(name))
            {
                throw new CommandArgsException($"--{name} is given more than once.");
            }

            string? value;
            if (spec.IsFlag)
            {
                value = equals < 0 ? null : throw new CommandArgsException($"--{name} is a flag and takes no value.");
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new CommandArgsException($"--{name} needs a value ({spec.Value}).");
            }

            options[name] = value;
        }

        return new CommandArgs(options, known);
    }

    public bool Has(string name) => _options.ContainsKey(Declared(name));

    public string? GetString(string name, string? fallback = null) =>
        _options.TryGetValue(Declared(name), out var value) ? value ?? throw new CommandArgsException($"--{name} needs a value.") : fallback;

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new CommandArgsException($"--{name} is required.");

    public int GetInt(string name, int fallback) =>
        GetString(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new CommandArgsException($"--{name} must be a whole number, not '{text}'.")
            : fallback;

    public double GetDouble(string name, double fallback) =>
        GetString(name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new CommandArgsException($"--{name} must be a number, not '{text}'.")
            : fallback;

    // A command reading an option its table does not list is a bug in the command, not in the user's typing.
    private string Declared(string name) =>
        _specs.ContainsKey(name) ? name : throw new InvalidOperationException($"option --{name} is read but not declared in the verb's option table.");
}
