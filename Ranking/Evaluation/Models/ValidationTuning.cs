using System.Globalization;
using LeadRecs.Ranking.Evaluation.Protocols;

namespace LeadRecs.Ranking.Evaluation.Models;

/// <summary>
/// The settings a tuned baseline fits with: its tuner's choice on the validation split when the context has one
/// (never the test cases), else its defaults; and the line the report shows for them.
/// </summary>
public static class ValidationTuning
{
    public static (TOptions Options, string Settings) Choose<TOptions>(
        TOptions defaults, FitContext context, Func<EvaluationProtocol, (TOptions Best, double Metric)> tune)
        where TOptions : notnull
    {
        if (context.Validation is not { } validation)
        {
            return (defaults, defaults + " (defaults)");
        }
        var (best, metric) = tune(validation);
        return (best, string.Create(CultureInfo.InvariantCulture, $"{best}; tuned on {validation.Name}, {validation.PrimaryMetric} {metric:0.0000}"));
    }
}
