namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// Grains' counts of applied events against the log's rows, key by key (users, leads): any key above the log
/// counted an event twice, any key below lost one.
/// </summary>
public sealed record CountCheck(int Keys, int Over, long OverEvents, int Under, long UnderEvents, IReadOnlyList<string> Examples)
{
    public static async Task<CountCheck> RunAsync(
        IReadOnlyCollection<string> keys, Func<string, Task<long>> counted, IReadOnlyDictionary<string, long> inLog)
    {
        var (over, overEvents, under, underEvents) = (0, 0L, 0, 0L);
        var examples = new List<string>();
        foreach (var key in keys)
        {
            var count = await counted(key);
            var logged = inLog.GetValueOrDefault(key);
            if (count == logged)
            {
                continue;
            }
            if (count > logged)
            {
                (over, overEvents) = (over + 1, overEvents + count - logged);
            }
            else
            {
                (under, underEvents) = (under + 1, underEvents + logged - count);
            }
            if (examples.Count < 5)
            {
                examples.Add($"{key}: counts {count}, the log has {logged}");
            }
        }
        return new CountCheck(keys.Count, over, overEvents, under, underEvents, examples);
    }

    public override string ToString() => $"{Keys}, counting too many {Over} (+{OverEvents} events), too few {Under} (-{UnderEvents})";
}
