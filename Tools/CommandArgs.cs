using System.Globalization;

namespace LeadRecs.Tools;

/// <summary>Options of the form <c>--name value</c> or bare flags <c>--name</c>.</summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options;

    private CommandArgs(Dictionary<string, string?> options) => _options = options;

    public static CommandArgs Parse(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new CommandArgsException($"unexpected argument '{arg}'; options look like --name value.");
            }
            var name = arg[2..];
            string? value = null;
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            options[name] = value;
        }
        return new CommandArgs(options);
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? GetString(string name, string? fallback = null) =>
        _options.TryGetValue(name, out var value) ? value ?? throw new CommandArgsException($"--{name} needs a value.") : fallback;

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
}

public sealed class CommandArgsException(string message) : Exception(message);
