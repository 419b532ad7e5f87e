using LeadRecs.Client.Api.Validation;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>The body of <c>PUT /api/models/{name}/split</c>: the canary's share of users, a fraction in [0, 1].</summary>
public sealed record SplitRequest(double? CanaryShare, string? Reason)
{
    public void Validate(FieldErrors errors)
    {
        if (CanaryShare is null)
        {
            errors.Add("canaryShare", "is required.");
        }
        else
        {
            ModelChecks.Share(errors, "canaryShare", CanaryShare.Value);
        }
        ModelChecks.Reason(errors, "reason", Reason);
    }
}

/// <summary>The body of <c>POST /api/models/{name}/promote</c>; without a version the canary is promoted.</summary>
public sealed record PromoteRequest(string? Version, string? Reason)
{
    public void Validate(FieldErrors errors)
    {
        Check.Id(errors, "version", Version, required: false);
        ModelChecks.Reason(errors, "reason", Reason);
    }
}

/// <summary>The body of <c>POST /api/models/{name}/rollback</c> and <c>POST /api/models/{name}/retrain</c>.</summary>
public sealed record ReasonRequest(string? Reason)
{
    public void Validate(FieldErrors errors) => ModelChecks.Reason(errors, "reason", Reason);
}
