namespace LeadRecs.Ranking.Fraud.Evaluation;

/// <summary>What the filter caught on a market with bots.</summary>
/// <param name="AtIngestion">Flags as events were screened: what live popularity, demand and features skipped.</param>
/// <param name="InLog">Flags the log ends with, run-ups flagged retroactively included: what training and drift statistics skip.</param>
/// <param name="MostLockstepLeadsOfAPerson">The most distinct leads with lockstep hits any person had within one hit window.</param>
/// <param name="PeopleWithLockstepHits">People with at least one lockstep hit.</param>
public sealed record FraudEvaluationResult(
    FraudTally AtIngestion,
    FraudTally InLog,
    int MostLockstepLeadsOfAPerson,
    int PeopleWithLockstepHits);
