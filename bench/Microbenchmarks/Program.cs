using BenchmarkDotNet.Running;
using LeadRecs.Microbenchmarks;

// `training-throughput [--rows N] [--epochs N]` is a single long run, not a microbenchmark; everything else goes to
// BenchmarkDotNet (`--filter '*'`, `--list flat`, `--job short`, ...). bench/micro.sh is the usual way in.
if (args.Length > 0 && args[0] == TrainingThroughput.Verb)
{
    return TrainingThroughput.Run(args[1..], Console.Out);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args, MicroConfig.Create(args));
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
