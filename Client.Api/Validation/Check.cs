using System.Buffers;
using System.Globalization;

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

    /// <summary>
    /// A whole number written only with ASCII digits ("10", not "+10", " 10", "1e1" or "10\0", which .NET's parser
    /// would take), within [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static bool TryWholeNumber(string? text, int min, int max, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 9 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        value = int.Parse(text, CultureInfo.InvariantCulture);
        return value >= min && value <= max;
    }

    /// <summary>A finite decimal number in plain notation ("-47.6", "1e-3"); nothing else, no trailing characters.</summary>
    public static bool TryNumber(string? text, out double value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text) && text.Length <= 64
            && !text.AsSpan().ContainsAnyExcept(NumberCharacters)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789+-.eE");

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

    /// <summary>
    /// Parses a case-insensitive enum name, and only a name: not "7", not " view" or "view ", and not "view,click"
    /// (which <see cref="System.Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would read as the two or-ed together).
    /// </summary>
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
        foreach (var name in System.Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.Parse<TEnum>(name);
            }
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
