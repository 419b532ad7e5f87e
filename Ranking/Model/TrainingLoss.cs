namespace LeadRecs.Ranking.Model;

/// <summary>What <see cref="RankingTrainer"/> minimises.</summary>
public enum TrainingLoss
{
    /// <summary>Weighted binary cross-entropy of each row's sigmoid(logit) against its label.</summary>
    LogLoss,

    /// <summary>
    /// Sampled softmax over each group of <see cref="TrainerOptions.GroupSize"/> rows: -Σ w·y·log softmax(logits),
    /// normalised by Σ w·y over the batch. Rows of weight 0 are masked out of their group's softmax. It rewards the
    /// order of a group's logits, not their level, which is what ranking a held-out item among sampled ones asks.
    /// </summary>
    GroupSoftmax,
}
