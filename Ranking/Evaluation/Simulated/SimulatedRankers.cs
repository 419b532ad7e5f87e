using System.Collections.Concurrent;
using System.Diagnostics;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.Ranking.Evaluation.Simulated;

/// <summary>
/// The simulated protocol's models fitted on one event history: the deep model trained on the first part of the
/// period, the whole history replayed, every user's candidates generated at the end as the grains would, and one
/// ranker per model over them (the baseline heuristic, item popularity, the deep model through ONNX Runtime, and
/// optionally the hidden-preference oracle). Users the history never saw get a cold profile and the trending list.
/// </summary>
internal sealed class SimulatedRankers : IDisposable
{
    private readonly PointInTimeMarket _state;
    private readonly SimulatedCandidates _candidates;
    private readonly DeepScorer _deep;
    private readonly int _k;

    /// <summary>Each user's profile and candidates, made once and ranked by every model (the history no longer moves).</summary>
    private readonly ConcurrentDictionary<string, (UserProfile Profile, List<LeadCandidate> Candidates)> _users = new(StringComparer.Ordinal);

    private SimulatedRankers(PointInTimeMarket state, SimulatedCandidates candidates, DeepScorer deep, IReadOnlyList<SimulatedModel> models, int k)
    {
        _state = state;
        _candidates = candidates;
        _deep = deep;
        Models = models;
        _k = k;
    }

    public IReadOnlyList<SimulatedModel> Models { get; }

    /// <param name="history">What the models may learn from: the market's leads, status changes and market points, and the chosen events.</param>
    public static SimulatedRankers Fit(
        SimulatedMarket market,
        MarketHistory history,
        SimulatedProtocolOptions options,
        IProgress<LeadModelTrainingProgress>? training,
        CancellationToken cancellationToken)
    {
        var trainEnd = market.Start + (market.End - market.Start) * options.TrainFraction;
        var clock = Stopwatch.StartNew();
        var trained = new LeadModelTrainer(options.Trainer).Train(history.Before(trainEnd), training, cancellationToken);
        var trainingSeconds = clock.Elapsed.TotalSeconds;
        var deep = new DeepScorer(trained.Artifact);
        try
        {
            var state = new PointInTimeMarket(history, options.Trainer.TrainingSet.Features);
            foreach (var interaction in history.Interactions)
            {
                state.Apply(interaction);
            }
            state.AdvanceTo(market.End);
            var candidates = new SimulatedCandidates(state, options.CandidatesPerCell, options.TrendingCandidates);
            var models = new List<SimulatedModel>
            {
                new(SimulatedProtocol.BaselineModel, BaselineScorer.Instance, 0),
                new(SimulatedProtocol.PopularityModel, PopularityScorer.Instance, 0),
                new(SimulatedProtocol.DeepModel, deep, trainingSeconds),
            };
            if (options.IncludeOracle)
            {
                var preferences = market.Users.ToDictionary(u => u.Id, u => u.HiddenPreference, StringComparer.Ordinal);
                models.Add(new(SimulatedProtocol.OracleModel, new CandidateOracleScorer(preferences), 0));
            }
            return new SimulatedRankers(state, candidates, deep, models, options.K);
        }
        catch
        {
            deep.Dispose();
            throw;
        }
    }

    /// <summary>A ranker's top k for a user, at the end of the period.</summary>
    public IReadOnlyList<string> Recommend(SimulatedModel model, string userId)
    {
        var (profile, candidates) = _users.GetOrAdd(userId, id =>
        {
            var profile = _state.Profile(id);
            return (profile, _candidates.For(profile));
        });
        return RecommendationRanker.Rank(profile, candidates, _k, model.Scorer).Select(r => r.LeadId).ToList();
    }

    public void Dispose() => _deep.Dispose();
}
