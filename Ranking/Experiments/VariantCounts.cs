namespace LeadRecs.Ranking.Experiments;

/// <summary>
/// What one variant of an experiment has served and earned: impressions (recommended items shown), clicks and inquiries
/// attributed to them, and relevant items among the top-k slots.
/// </summary>
public sealed record VariantCounts(
    string Variant,
    string Version,
    long Impressions,
    long Clicks,
    long Inquiries,
    long RelevantAtK,
    long SlotsAtK)
{
    /// <summary>
    /// Impressions that earned a click or an inquiry. The counts are totals, so an impression that got both counts twice;
    /// the cap at <see cref="Impressions"/> keeps it a proportion. Counting each converted impression once upstream
    /// (an inquiry after a click on the same item adds nothing) makes this exact.
    /// </summary>
    public long Conversions => Math.Min(Impressions, Clicks + Inquiries);

    public double ConversionRate => Ratio(Conversions, Impressions);

    public double Ctr => Ratio(Clicks, Impressions);

    public double InquiryRate => Ratio(Inquiries, Impressions);

    public double PrecisionAtK => Ratio(RelevantAtK, SlotsAtK);

    /// <summary>Successes of <paramref name="metric"/>, capped at the number of trials.</summary>
    public long Successes(ExperimentMetric metric) => metric switch
    {
        ExperimentMetric.Conversion => Conversions,
        ExperimentMetric.ClickThrough => Math.Min(Clicks, Impressions),
        ExperimentMetric.Inquiry => Math.Min(Inquiries, Impressions),
        ExperimentMetric.PrecisionAtK => Math.Min(RelevantAtK, Impressions),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Throws <see cref="ArgumentException"/> on a missing name or a negative count.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Variant))
        {
            throw new ArgumentException("Counts need a variant name.");
        }
        if (Impressions < 0 || Clicks < 0 || Inquiries < 0 || RelevantAtK < 0 || SlotsAtK < 0)
        {
            throw new ArgumentException($"Counts of variant '{Variant}' must not be negative.");
        }
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
