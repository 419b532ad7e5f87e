namespace LeadRecs.Grains.Interfaces.Models;

/// <summary>
/// A registered model version: what the registry knows besides the bytes, which live in the artifact store
/// under <paramref name="Sha256"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ModelVersionEntry")]
public sealed record ModelVersionEntry(
    [property: Id(0)] string Version,
    [property: Id(1)] string Sha256,
    [property: Id(2)] string SchemaVersion,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] IReadOnlyDictionary<string, double> OfflineMetrics,
    [property: Id(6)] string Source);
