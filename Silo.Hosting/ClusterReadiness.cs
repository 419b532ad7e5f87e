namespace LeadRecs.Silo.Hosting;

/// <summary>Whether this process can serve the cluster's grains now, and why not when it cannot.</summary>
public sealed record ClusterReadiness(bool IsReady, string Status);
