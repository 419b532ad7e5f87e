namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// The best epoch of a run by a validation metric, and whether the run should go on: it stops after
/// <c>patience</c> checks in a row without a gain. Shared by the tuners of the baselines trained by epochs.
/// </summary>
public sealed class EarlyStopping(int patience, int initialEpoch)
{
    private int _sinceBest;

    public int BestEpoch { get; private set; } = initialEpoch;

    public double BestMetric { get; private set; } = double.NegativeInfinity;

    /// <returns>Whether to train on.</returns>
    public bool Observe(int epoch, double metric)
    {
        if (metric > BestMetric)
        {
            (BestEpoch, BestMetric) = (epoch, metric);
            _sinceBest = 0;
        }
        else
        {
            _sinceBest++;
        }
        return _sinceBest < patience;
    }
}
