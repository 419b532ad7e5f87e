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
}
