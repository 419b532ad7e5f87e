namespace LeadRecs.Ranking.Experiments;

public enum ExperimentOutcome
{
    /// <summary>Keep the split: too little data, or no significant difference yet.</summary>
    Continue,

    /// <summary>The canary is significantly better: make it stable.</summary>
    Promote,

    /// <summary>The canary is significantly worse: send its traffic back to the control.</summary>
    Rollback,
}
