namespace LeadRecs.Ranking.Evaluation.Protocols;

/// <summary>The metric names used in tables and JSON, in one place so reports and tests agree.</summary>
public static class MetricNames
{
    public const string HitRate = "HR@10";

    public const string Ndcg = "NDCG@10";

    public const string Recall = "Recall@10";

    public const string Precision = "Precision@10";

    public const string Recall20 = "Recall@20";

    public const string Ndcg20 = "NDCG@20";

    public const string Mrr = "MRR";

    /// <summary>The cut-off of every metric here.</summary>
    public const int K = 10;
}
