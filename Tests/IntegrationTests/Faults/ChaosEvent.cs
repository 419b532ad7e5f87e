namespace LeadRecs.IntegrationTests.Faults;

/// <summary>An event as the load sends it; the id is unique to the run, so the log and the grains can tell a retry.</summary>
public sealed record ChaosEvent(string UserId, string LeadId, string Kind, DateTimeOffset At, string EventId);
