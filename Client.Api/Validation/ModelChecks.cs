using LeadRecs.Grains.Registry;

namespace LeadRecs.Client.Api.Validation;

/// <summary>Field rules of the model registry endpoints.</summary>
public static class ModelChecks
{
    public const int MaxReasonLength = 500;

    /// <summary>A share of users, by the registry's own rule (a finite fraction within [0, 1]).</summary>
    public static void Share(FieldErrors errors, string field, double value)
    {
        if (ModelRegistryGrain.ShareError(value) is { } error)
        {
            errors.Add(field, error);
        }
    }

    /// <summary>A reason goes into the registry's history as it is: bounded, printable, one line or several.</summary>
    public static void Reason(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > MaxReasonLength)
        {
            errors.Add(field, $"must be at most {MaxReasonLength} characters long.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            errors.Add(field, "may not contain control characters.");
        }
    }
}
