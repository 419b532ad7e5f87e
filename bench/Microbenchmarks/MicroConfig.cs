using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;

namespace LeadRecs.Microbenchmarks;

/// <summary>
/// The run bench/micro.sh makes: one launch, 5 warm-up and 15 measured iterations of about 0.25 s per benchmark
/// (about 10 s each after the model is trained), so the median is over 15 iteration means rather than the 3 of
/// <c>--job short</c>. Median and p95 columns next to the mean; JSON reports besides the default GitHub markdown, CSV and HTML.
/// A <c>--job</c> on the command line replaces this job.
/// </summary>
public static class MicroConfig
{
    public static IConfig Create(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .AddExporter(JsonExporter.Full);
        if (!args.Contains("--job") && !args.Contains("-j"))
        {
            config = config.AddJob(Job.Default
                .WithId("micro")
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(15)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)));
        }
        return config;
    }
}
