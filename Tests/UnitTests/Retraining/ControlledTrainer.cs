using System.Collections.Concurrent;
using LeadRecs.Grains.Retraining;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Retraining;

/// <summary>
/// The real trainer (with a small network), which a test can hold open or make fail for its own model name, and
/// which remembers how often it ran and on what history.
/// </summary>
internal sealed class ControlledTrainer : IRetrainingTrainer
{
    private readonly LeadModelRetrainingTrainer _inner = new();
    private readonly ConcurrentDictionary<string, ManualResetEventSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _entered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MarketHistory> _histories = new(StringComparer.Ordinal);

    /// <summary>Training of <paramref name="model"/> waits until the returned gate is set.</summary>
    public ManualResetEventSlim Hold(string model) => _gates.GetOrAdd(model, _ => new ManualResetEventSlim(false));

    /// <summary>Waits until a training of <paramref name="model"/> has started.</summary>
    public Task<bool> EnteredAsync(string model, TimeSpan timeout) => Entered(model).WaitAsync(timeout);

    public void FailWith(string model, string message) => _failures[model] = message;

    public int Calls(string model) => _calls.GetValueOrDefault(model);

    public MarketHistory? LastHistory(string model) => _histories.GetValueOrDefault(model);

    public LeadModelTrainingResult Train(
        MarketHistory history, LeadModelTrainerOptions options, IProgress<LeadModelTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(options.ModelName, 1, (_, n) => n + 1);
        _histories[options.ModelName] = history;
        Entered(options.ModelName).Release();
        if (_gates.TryGetValue(options.ModelName, out var gate))
        {
            gate.Wait(cancellationToken);
        }
        if (_failures.TryGetValue(options.ModelName, out var failure))
        {
            throw new InvalidOperationException(failure);
        }
        return _inner.Train(history, options with { HiddenSizes = [16, 8] }, progress, cancellationToken);
    }

    private SemaphoreSlim Entered(string model) => _entered.GetOrAdd(model, _ => new SemaphoreSlim(0));
}
