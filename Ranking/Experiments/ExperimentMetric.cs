namespace LeadRecs.Ranking.Experiments;

/// <summary>The per-impression proportion an experiment compares.</summary>
public enum ExperimentMetric
{
    /// <summary>A click or an inquiry per impression.</summary>
    Conversion,

    /// <summary>Clicks per impression.</summary>
    ClickThrough,

    /// <summary>Inquiries per impression.</summary>
    Inquiry,

    /// <summary>
    /// Recommended leads that earned a click or an inquiry, each credited once per list, per lead shown: online
    /// precision@k. Unlike <see cref="Conversion"/> it cannot count one impression twice.
    /// </summary>
    PrecisionAtK,
}
