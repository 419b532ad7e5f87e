using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.Grains.Interfaces.Fraud;

/// <summary>
/// The fraud filter's answer for a batch: <see cref="Flags"/> per event in input order, and
/// <see cref="Retroactive"/>, events of earlier batches (with their user and new flags) that this batch got flagged.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("LeadRecs.ScreenVerdict")]
public sealed record ScreenVerdict(
    [property: Id(0)] IReadOnlyList<InteractionFlags> Flags,
    [property: Id(1)] IReadOnlyList<InteractionEvent> Retroactive)
{
    public static ScreenVerdict Clean(int count) => new(new InteractionFlags[count], []);
}
