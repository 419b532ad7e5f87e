using LeadRecs.Client.Api.Validation;
using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>One lead of <c>POST /api/leads</c>. Everything is nullable so that a missing field is reported, not defaulted.</summary>
public sealed record LeadRequest(
    string? Id,
    double? Lat,
    double? Lon,
    double? Price,
    string? Kind,
    int? Bedrooms,
    double? AreaSqm,
    DateTimeOffset? ListedAt,
    string? Status)
{
    public LeadInfo? Validate(FieldErrors errors, string path, DateTimeOffset now)
    {
        var before = errors.Count;
        Check.Id(errors, $"{path}.id", Id);
        Check.Latitude(errors, $"{path}.lat", Lat);
        Check.Longitude(errors, $"{path}.lon", Lon);
        Check.Positive(errors, $"{path}.price", Price, ApiLimits.MaxPrice, required: true);
        var kind = Check.Enum<LeadKind>(errors, $"{path}.kind", Kind, required: true);
        Check.Range(errors, $"{path}.bedrooms", Bedrooms, 0, ApiLimits.MaxBedrooms);
        Check.Positive(errors, $"{path}.areaSqm", AreaSqm, ApiLimits.MaxAreaSqm, required: false);
        Check.Timestamp(errors, $"{path}.listedAt", ListedAt, now);
        var status = Check.Enum<LeadStatus>(errors, $"{path}.status", Status, required: false);
        if (errors.Count > before)
        {
            return null;
        }
        return new LeadInfo(Id!, Lat!.Value, Lon!.Value, Price!.Value, kind!.Value, Bedrooms, AreaSqm,
            ListedAt ?? now, status ?? LeadStatus.Active);
    }
}
