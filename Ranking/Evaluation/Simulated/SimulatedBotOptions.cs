using LeadRecs.Ranking.Fraud;
using LeadRecs.Ranking.Simulation.Bots;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>The simulated protocol with bots injected into its market, and which filter scenarios to run.</summary>
public sealed record SimulatedBotOptions
{
    public SimulatedProtocolOptions Protocol { get; init; } = new();

    public BotOptions Bots { get; init; } = new();

    public FraudOptions Fraud { get; init; } = FraudOptions.Default;

    public BotFilterMode Filter { get; init; } = BotFilterMode.Both;

    /// <summary>Each client's events reach the filter in batches of this many seconds of event time, as requests would.</summary>
    public int BatchSeconds { get; init; } = 60;

    public IReadOnlyList<BotScenario> Scenarios => Filter switch
    {
        BotFilterMode.Off => [BotScenario.NoBots, BotScenario.Unfiltered],
        BotFilterMode.On => [BotScenario.NoBots, BotScenario.FilteredAtIngestion, BotScenario.FilteredInLog],
        _ => [BotScenario.NoBots, BotScenario.Unfiltered, BotScenario.FilteredAtIngestion, BotScenario.FilteredInLog],
    };

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Protocol);
        ArgumentNullException.ThrowIfNull(Bots);
        ArgumentNullException.ThrowIfNull(Fraud);
        Protocol.Validate();
        Bots.Validate();
        if (!Enum.IsDefined(Filter) || BatchSeconds < 1)
        {
            throw new ArgumentException("Invalid bot protocol options: " + this);
        }
    }
}
