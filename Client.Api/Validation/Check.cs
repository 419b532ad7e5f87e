using System.Buffers;

namespace LeadRecs.Client.Api.Validation;

/// <summary>Field rules shared by every endpoint, so an id or a coordinate means the same thing everywhere.</summary>
public static class Check
{
    public const int MaxIdLength = 128;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@");

    /// <summary>Ids are opaque but printable and bounded: letters, digits and - _ . : @.</summary>
    public static void Id(FieldErrors errors, string field, string? value, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
            return;
        }
        if (value.Length == 0 || value.Length > MaxIdLength)
        {
            errors.Add(field, $"must be 1 to {MaxIdLength} characters long.");
        }
        else if (value.AsSpan().ContainsAnyExcept(IdCharacters))
        {
            errors.Add(field, "may contain only letters, digits and - _ . : @.");
        }
    }

    public static void Latitude(FieldErrors errors, string field, double? value)
    {
        if (value is null)
        {
            errors.Add(field, "is required.");
        }
        else if (!double.IsFinite(value.Value) || value < -90 || value > 90)
        {
            errors.Add(field, "must be a latitude within [-90, 90].");
        }
    }

    public static void Longitude(FieldErrors errors, string field, double? value)
    {
        if (value is null)
        {
            errors.Add(field, "is required.");
        }
        else if (!double.IsFinite(value.Value) || value < -180 || value > 180)
        {
            errors.Add(field, "must be a longitude within [-180, 180].");
        }
    }

    public static void Positive(FieldErrors errors, string field, double? value, double max, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
        }
        else if (!double.IsFinite(value.Value) || value <= 0 || value > max)
        {
            errors.Add(field, $"must be a number greater than 0 and at most {max:G}.");
        }
    }

    public static void Range(FieldErrors errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"must be within [{min}, {max}].");
        }
    }

    /// <summary>Parses a case-insensitive enum name; numbers are refused so that "7" is not silently a kind.</summary>
    public static TEnum? Enum<TEnum>(FieldErrors errors, string field, string? value, bool required)
        where TEnum : struct, System.Enum
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
            return null;
        }
        if (value.Length > 0 && char.IsLetter(value[0]) && System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed)
            && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }
        var names = string.Join("|", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        errors.Add(field, $"must be one of {names}.");
        return null;
    }

    /// <summary>Timestamps may not be far in the future (clock skew allowance) nor before 1970.</summary>
    public static void Timestamp(FieldErrors errors, string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is { } at && (at > now + ApiLimits.MaxClockSkew || at < DateTimeOffset.UnixEpoch))
        {
            errors.Add(field, $"must be a time between 1970 and {ApiLimits.MaxClockSkew.TotalMinutes:0} minutes from now.");
        }
    }
}
