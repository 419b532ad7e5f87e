using LeadRecs.Grains.Interfaces.Models;

namespace LeadRecs.Client.Api.Contracts;

/// <summary>The answer of <c>GET /api/models</c>: every model name with at least one registered version.</summary>
public sealed record ModelListResponse(IReadOnlyList<ModelSummaryResponse> Models);

/// <summary>A model name in the list: its labels and the canary's share of users.</summary>
public sealed record ModelSummaryResponse(string Name, long Revision, ModelLabelsResponse Labels, double CanaryShare, int VersionCount)
{
    public static ModelSummaryResponse From(RegistrySnapshot s) =>
        new(s.ModelName, s.Revision, ModelLabelsResponse.From(s), s.CanaryShare, s.Versions.Count);
}

/// <summary>The versions the labels point at (null when a label is unset).</summary>
public sealed record ModelLabelsResponse(string? Stable, string? Canary)
{
    public static ModelLabelsResponse From(RegistrySnapshot s) => new(s.Stable?.Version, s.Canary?.Version);
}

/// <summary>
/// The answer of <c>GET /api/models/{name}</c> and of the registry commands: versions, labels, the split, the
/// history of changes, and (when the retraining grain answers) the last retraining run and the drift it saw.
/// </summary>
public sealed record ModelDetailResponse(
    string Name,
    long Revision,
    ModelLabelsResponse Labels,
    double CanaryShare,
    IReadOnlyList<SplitEntryResponse> Split,
    IReadOnlyList<ModelVersionResponse> Versions,
    IReadOnlyList<RegistryChangeResponse> History,
    RetrainingRunResponse? LastRetraining,
    IReadOnlyList<DriftResponse> Drift)
{
    public static ModelDetailResponse From(RegistrySnapshot s, RetrainingStatus? retraining)
    {
        var last = retraining is null
            ? null
            : new[] { retraining.Current }.Concat(retraining.Recent).OfType<RetrainingRun>().MaxBy(r => r.StartedAt);
        return new ModelDetailResponse(
            s.ModelName,
            s.Revision,
            ModelLabelsResponse.From(s),
            s.CanaryShare,
            SplitEntryResponse.From(s),
            s.Versions.Reverse().Select(v => ModelVersionResponse.From(v, s)).ToArray(),
            s.History.Reverse().Select(RegistryChangeResponse.From).ToArray(),
            last is null ? null : RetrainingRunResponse.From(last, retraining!.NextScheduledAt),
            retraining?.Drift.Select(DriftResponse.From).ToArray() ?? []);
    }
}

/// <summary>One arm of the traffic split: control serves stable, canary serves the canary; weights sum to 1.</summary>
public sealed record SplitEntryResponse(string Variant, string Version, double Weight)
{
    public static IReadOnlyList<SplitEntryResponse> From(RegistrySnapshot s)
    {
        if (s.Stable is null)
        {
            return [];
        }
        var share = s.Canary is null ? 0 : s.CanaryShare;
        var control = new SplitEntryResponse(RegistrySnapshot.ControlVariant, s.Stable.Version, 1 - share);
        return s.Canary is null ? [control] : [control, new SplitEntryResponse(RegistrySnapshot.CanaryVariant, s.Canary.Version, share)];
    }
}

/// <summary>
/// A registered version. <see cref="Status"/>: <c>live</c> (stable), <c>canary</c>, or <c>retired</c> (registered,
/// not served); <see cref="Metrics"/> are the offline metrics of its manifest.
/// </summary>
public sealed record ModelVersionResponse(
    string Version,
    IReadOnlyList<string> Labels,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset RegisteredAt,
    string SchemaVersion,
    string Sha256,
    string Source,
    IReadOnlyDictionary<string, double> Metrics)
{
    public const string Live = "live";
    public const string Canary = "canary";
    public const string Retired = "retired";

    public static ModelVersionResponse From(ModelVersionEntry v, RegistrySnapshot s)
    {
        var isStable = v.Version == s.Stable?.Version;
        var isCanary = v.Version == s.Canary?.Version;
        var labels = new List<string>(2);
        if (isStable)
        {
            labels.Add(RegistrySnapshot.StableLabel);
        }
        if (isCanary)
        {
            labels.Add(RegistrySnapshot.CanaryLabel);
        }
        return new ModelVersionResponse(
            v.Version, labels, isStable ? Live : isCanary ? Canary : Retired, v.CreatedAt, v.RegisteredAt,
            v.SchemaVersion, v.Sha256, v.Source, v.OfflineMetrics);
    }
}

/// <summary>A history entry, newest first in answers.</summary>
public sealed record RegistryChangeResponse(DateTimeOffset At, string Action, string? Version, string? FromVersion, string Reason, long Revision)
{
    public static RegistryChangeResponse From(RegistryChange c) => new(c.At, c.Action, c.Version, c.FromVersion, c.Reason, c.Revision);
}

/// <summary>
/// A retraining run. <see cref="At"/> is when it finished, or started while it runs; <see cref="NextAt"/> is the next
/// scheduled run.
/// </summary>
public sealed record RetrainingRunResponse(
    string Id,
    string Trigger,
    string Reason,
    string Status,
    DateTimeOffset At,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    string? Version,
    long Rows,
    string? Error,
    DateTimeOffset? NextAt)
{
    public static RetrainingRunResponse From(RetrainingRun r, DateTimeOffset? nextAt) => new(
        r.Id, r.Trigger, r.Reason, r.Status, r.FinishedAt ?? r.StartedAt, r.StartedAt, r.FinishedAt,
        r.FinishedAt is { } end ? Math.Round((end - r.StartedAt).TotalSeconds, 3) : null,
        r.Version, r.Rows, r.Error, nextAt);
}

/// <summary>Population stability of a key feature; <see cref="Drifted"/> when it reaches the threshold.</summary>
public sealed record DriftResponse(string Feature, double? Psi, double Threshold, bool Drifted, long Observations)
{
    public static DriftResponse From(FeatureDrift d) =>
        new(d.Feature, Finite.OrNull(d.Psi), d.Threshold, d.Psi >= d.Threshold, d.Observations);
}
