using LeadRecs.Client.Api.Security;
using LeadRecs.Grains.Interfaces.Fraud;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>The answer of <c>GET /api/admin/flagged-users</c>.</summary>
public sealed record FlaggedUsersResponse(IReadOnlyList<FlaggedUserResponse> Users);

/// <summary>A flagged user; <paramref name="Reasons"/> as metric tags ("burst", "lockstep", ...), times are event times.</summary>
public sealed record FlaggedUserResponse(
    string UserId,
    IReadOnlyList<string> Reasons,
    DateTimeOffset FirstFlaggedAt,
    DateTimeOffset LastFlaggedAt,
    long FlaggedEvents,
    long ScreenedEvents)
{
    public static FlaggedUserResponse From(FlaggedUser u) => new(
        u.UserId,
        Enum.GetValues<InteractionFlags>().Where(f => f != InteractionFlags.None && u.Reasons.HasFlag(f)).Select(FraudReasonNames.Of).ToArray(),
        u.FirstFlaggedAt,
        u.LastFlaggedAt,
        u.FlaggedEvents,
        u.ScreenedEvents);
}
