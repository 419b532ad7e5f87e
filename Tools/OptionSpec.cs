namespace LeadRecs.Tools;

/// <summary>
/// One option a verb accepts: <c>--Name</c>, taking a value shown as <see cref="Value"/> (FILE, N, ...) or, when
/// that is null, a bare flag. The table of these is what the parser checks against and what <c>--help</c> prints.
/// </summary>
public sealed record OptionSpec(string Name, string Help, string? Value = null)
{
    public bool IsFlag => Value is null;

    public static OptionSpec Flag(string name, string help) => new(name, help);

    public static OptionSpec Valued(string name, string value, string help) => new(name, help, value);
}
