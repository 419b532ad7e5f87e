namespace LeadRecs.Tools;

/// <summary>A command line the user got wrong: printed on stderr with exit code 2.</summary>
public sealed class CommandArgsException(string message) : Exception(message);
