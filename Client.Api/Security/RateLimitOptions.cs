namespace LeadRecs.Client.Api.Security;

/// <summary>
/// Per-client token buckets on /api ("LeadRecs:RateLimit"): a client (its API key's name, or its address) may burst to
/// <see cref="TokenLimit"/> requests and sustain <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>.
/// The defaults only stop floods, so the demo, the dashboard and load tests are unaffected; a deployment sets its own.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "LeadRecs:RateLimit";

    public bool Enabled { get; set; } = true;

    public int TokenLimit { get; set; } = 5000;

    public int TokensPerPeriod { get; set; } = 2500;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
