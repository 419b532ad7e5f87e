namespace LeadRecs.Client.Api.Security;

/// <summary>
/// API keys, read from configuration (in Kubernetes from the secret): <c>LeadRecs:Admin:ApiKey</c> for the admin
/// endpoints; <c>LeadRecs:Api:ClientKeys:{name}</c> for clients of the public endpoints, and
/// <c>LeadRecs:Api:RequireClientKey</c> to close those to anyone without one.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Header = "X-Api-Key";

    /// <summary>Shorter keys are refused (admin endpoints stay closed): a key must not be guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The admin key; admin endpoints are closed to everyone while it is missing or too weak.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Client name to key. The name (never the key) identifies the client in rate limits, fraud partitions and logs.</summary>
    public Dictionary<string, string> ClientKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When true, public /api endpoints answer 401 to requests without a client (or admin) key.</summary>
    public bool RequireClientKey { get; set; }

    /// <summary>Client names appear in partitions and logs: short, plain, and never the admin's.</summary>
    public static bool IsClientName(string name) =>
        name.Length is > 0 and <= 64
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && !string.Equals(name, ApiPrincipal.AdminName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a configured key cannot be used, or null when it can.</summary>
    public static string? Weakness(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "is not set"
        : key.Length < MinKeyLength ? $"is shorter than {MinKeyLength} characters"
        : key.StartsWith("change-me", StringComparison.OrdinalIgnoreCase) ? "is still the placeholder from k8s/secrets.yaml"
        : null;
}
