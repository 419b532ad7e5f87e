namespace LeadRecs.Client.Api.Contracts;

/// <summary>
/// The answer to an accepted batch. <paramref name="Accepted"/> counts every item now durable, including
/// <paramref name="Duplicates"/> that were already in the log from an earlier try.
/// </summary>
public sealed record AcceptedResponse(int Accepted, int Duplicates = 0);
