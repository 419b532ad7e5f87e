using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Simulation;

namespace LeadRecs.Tools;

/// <summary>
/// <c>leadrecs seed --api URL</c>: simulates a market (timeline ending now) and loads it into a running service
/// through its public HTTP API — leads, then the interaction history — as a platform would. Writes the user and
/// lead ids to <c>--out</c> for load generators.
/// </summary>
public sealed class SeedCommand : ICommand
{
    private const int Batch = 1000;
    private const int Parallel = 4;

    public string Name => "seed";

    public string Summary => "load a simulated market into a running API";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Valued("api", "URL", "base address of the API (required)"),
        OptionSpec.Valued("seed", "N", "simulation seed (default 42)"),
        OptionSpec.Valued("users", "N", "users (default 300)"),
        OptionSpec.Valued("leads", "N", "leads (default 2000)"),
        OptionSpec.Valued("days", "N", "days of history ending today (default 30)"),
        OptionSpec.Valued("out", "DIR", "also write the user and lead ids there"),
    ];

    public async Task<int> RunAsync(CommandArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var api = new Uri(args.GetRequiredString("api"));
        var days = args.GetInt("days", 30);
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var market = MarketSimulator.Simulate(new SimulationOptions
        {
            Seed = args.GetInt("seed", 42),
            UserCount = args.GetInt("users", 300),
            LeadCount = args.GetInt("leads", 2000),
            Days = days,
            Start = today.AddDays(-days),
        }, cancellationToken: cancellationToken);

        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
        var clock = Stopwatch.StartNew();
        await PostAllAsync(http, "/api/leads", market.Leads.Select(l => (object)new
        {
            id = l.Id, lat = l.Lat, lon = l.Lon, price = l.Price, kind = Lower(l.Kind), bedrooms = l.Bedrooms,
            areaSqm = l.AreaSqm, listedAt = l.ListedAt, status = Lower(l.Status),
        }).ToList(), output, cancellationToken);
        await PostAllAsync(http, "/api/events", market.Interactions.Select(i => (object)new
        {
            userId = i.UserId, leadId = i.LeadId, kind = Lower(i.Kind), at = i.At, eventId = i.EventId,
        }).ToList(), output, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {market.Leads.Count} leads and {market.Interactions.Count} interactions of {market.Users.Count} users in {clock.Elapsed.TotalSeconds:0.0} s"));

        if (args.GetString("out") is { } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllLinesAsync(Path.Combine(directory, "users.txt"), market.Users.Select(u => u.Id), cancellationToken);
            await File.WriteAllLinesAsync(Path.Combine(directory, "leads.txt"),
                market.Leads.Where(l => l.Status == LeadStatus.Active).Select(l => l.Id), cancellationToken);
        }
        return 0;
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static async Task PostAllAsync(HttpClient http, string path, List<object> items, TextWriter output, CancellationToken cancellationToken)
    {
        var done = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(items.Chunk(Batch),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var response = await http.PostAsJsonAsync(path, chunk, token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
                }
                var total = Interlocked.Add(ref done, chunk.Length);
                Console.Error.Write($"\r{path}: {total}/{items.Count}");
            });
        Console.Error.WriteLine();
    }
}
