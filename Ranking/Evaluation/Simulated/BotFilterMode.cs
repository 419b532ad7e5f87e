namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>Which bot scenarios <see cref="SimulatedBotProtocol"/> runs besides the market without bots.</summary>
public enum BotFilterMode
{
    /// <summary>Bots unfiltered.</summary>
    Off,

    /// <summary>Bots filtered at ingestion and in the log.</summary>
    On,

    /// <summary>All of them.</summary>
    Both,
}
