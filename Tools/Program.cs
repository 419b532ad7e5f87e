using LeadRecs.Tools;

return await CommandLine.RunAsync(args, Console.Out, Console.Error);
