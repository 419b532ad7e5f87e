using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>One interaction of <c>POST /api/events</c>.</summary>
public sealed record EventRequest(
    string? UserId,
    string? LeadId,
    string? Kind,
    DateTimeOffset? At,
    string? EventId,
    string? RecommendationId)
{
    public InteractionEvent? Validate(FieldErrors errors, string path, DateTimeOffset now)
    {
        var before = errors.Count;
        Check.Id(errors, $"{path}.userId", UserId);
        Check.Id(errors, $"{path}.leadId", LeadId);
        var kind = Check.Enum<InteractionKind>(errors, $"{path}.kind", Kind, required: true);
        Check.Timestamp(errors, $"{path}.at", At, now);
        Check.Id(errors, $"{path}.eventId", EventId, required: false);
        Check.Id(errors, $"{path}.recommendationId", RecommendationId, required: false);
        return errors.Count > before
            ? null
            : new InteractionEvent(UserId!, LeadId!, kind!.Value, At ?? now, EventId, RecommendationId);
    }
}
