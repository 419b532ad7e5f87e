namespace LeadRecs.Ranking.Training;

/// <summary>Where a training row came from.</summary>
public enum ExampleSource
{
    /// <summary>A lead the user was shown (a view, or a click or inquiry with no view before it); labelled by what followed.</summary>
    Impression = 0,

    /// <summary>An available lead near the user that they had not touched, sampled as a presumed negative.</summary>
    SampledNegative = 1,
}
