using LeadRecs.Ranking.Domain;

namespace LeadRecs.IntegrationTests.Storage;

/// <summary>Interactions for log tests, at whole-second times so they survive PostgreSQL's microsecond precision.</summary>
internal static class InteractionSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static Interaction Event(string eventId, int minute = 0, InteractionKind kind = InteractionKind.View, string user = "u1") =>
        new(user, "lead-" + eventId, kind, Start.AddMinutes(minute), eventId);

    /// <summary>Event ids no other test uses.</summary>
    public static string[] UniqueIds(int count)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        return Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
    }
}
