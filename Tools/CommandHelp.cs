namespace LeadRecs.Tools;

/// <summary>The text of <c>leadrecs VERB --help</c>: the summary, then one line per option from the verb's table.</summary>
public static class CommandHelp
{
    public static void Write(TextWriter writer, ICommand command)
    {
        writer.WriteLine($"usage: leadrecs {command.Name} [options]");
        writer.WriteLine($"  {command.Summary}");
        writer.WriteLine();
        writer.WriteLine("options (--name value or --name=value):");
        var usages = command.Options.Select(o => o.IsFlag ? $"--{o.Name}" : $"--{o.Name} {o.Value}").ToList();
        var width = usages.Select(u => u.Length).DefaultIfEmpty(0).Max();
        for (var i = 0; i < usages.Count; i++)
        {
            writer.WriteLine($"  {usages[i].PadRight(width)}  {command.Options[i].Help}");
        }

        writer.WriteLine($"  {"--help".PadRight(width)}  this text");
    }
}
