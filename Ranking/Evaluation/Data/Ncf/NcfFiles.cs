namespace LeadRecs.Ranking.Evaluation.Data.Ncf;

/// <summary>
/// The file names of the NCF benchmark layout (He et al., WWW 2017, github.com/hexiangnan/neural_collaborative_filtering):
/// PREFIX.train.rating and PREFIX.test.rating hold "user\titem\trating\ttimestamp" lines (0-based integer ids, one
/// test line per user), PREFIX.test.negative holds "(user,item)\tneg1\tneg2..." with the sampled negatives.
/// </summary>
public static class NcfFiles
{
    public const string TrainSuffix = ".train.rating";
    public const string TestSuffix = ".test.rating";
    public const string NegativeSuffix = ".test.negative";

    /// <summary>True for a PREFIX.train.rating path, which <c>leadrecs eval --input</c> reads as an NCF split.</summary>
    public static bool IsTrainFile(string path) => path.EndsWith(TrainSuffix, StringComparison.Ordinal);

    public static string Prefix(string trainPath) => trainPath[..^TrainSuffix.Length];
}
