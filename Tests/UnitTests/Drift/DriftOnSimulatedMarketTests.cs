using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Drift;
using LeadRecs.Ranking.Evaluation.Simulated;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Drift;

/// <summary>
/// The baseline the trainer builds, against what serving sees on a market that did not change: candidates generated
/// as the grains do, at the moments users come back, after the training period. No drift may be reported there.
/// </summary>
public sealed class DriftOnSimulatedMarketTests
{
    private static readonly Lazy<Scenario> Market = new(Build);

    [Fact]
    public void The_default_key_features_report_no_drift_on_an_unchanged_market()
    {
        var report = Market.Value.Serving(Market.Value.TrainerBaseline);

        Assert.True(report.RowsSampled > 50_000, $"{report.RowsSampled} rows sampled");
        Assert.Equal(FeatureBaseline.DefaultKeyFeatures, report.Features.Select(f => f.Name));
        Assert.All(report.Features, f => Assert.True(f.Psi < 0.25, $"{f.Name}: PSI {f.Psi:0.000}"));
        Assert.False(report.Drifted);
    }

    [Fact]
    public void A_baseline_over_all_training_rows_would_raise_false_alarms()
    {
        // Decayed activity grows from an empty log, so early rows look like a different population: this is why the
        // trainer bins only the most recent rows.
        var s = Market.Value;
        var all = FeatureBaseline.Build(FeatureVectorizer.For(s.Set.Schema), s.Set.Data.Dense, s.Set.Count, FeatureBaseline.DefaultKeyFeatures);

        var report = s.Serving(all);

        Assert.True(report.Features.Single(f => f.Name == "user.log_activity").Psi > 0.25);
        Assert.True(report.Drifted);
    }

    private sealed record Scenario(MarketHistory History, DateTimeOffset TrainEnd, TrainingSet Set, FeatureBaseline TrainerBaseline)
    {
        /// <summary>Before every 4th view after the training period: that user's candidates as of then, cells re-ranked daily.</summary>
        public DriftReport Serving(FeatureBaseline baseline)
        {
            var vectorizer = FeatureVectorizer.For(Set.Schema);
            var monitor = new DriftMonitor(baseline);
            var state = new PointInTimeMarket(History);
            SimulatedCandidates? candidates = null;
            var rankedAt = DateTimeOffset.MinValue;
            var views = 0;
            foreach (var interaction in History.Interactions)
            {
                if (interaction.At >= TrainEnd && interaction.Kind == InteractionKind.View && views++ % 4 == 0)
                {
                    state.AdvanceTo(interaction.At);
                    if (candidates is null || interaction.At - rankedAt > TimeSpan.FromDays(1))
                    {
                        candidates = new SimulatedCandidates(state, perCell: 120, trending: 100);
                        rankedAt = interaction.At;
                    }
                    var profile = state.Profile(interaction.UserId);
                    var leads = candidates.For(profile);
                    var dense = new float[leads.Count * vectorizer.DenseWidth];
                    vectorizer.Vectorize(profile, leads, profile.AsOf, dense, new int[leads.Count * vectorizer.CategoricalCount]);
                    monitor.Observe(dense, leads.Count, vectorizer.DenseWidth);
                }
                state.Apply(interaction);
            }
            return monitor.Report();
        }
    }

    private static Scenario Build()
    {
        var market = MarketSimulator.Simulate(new SimulationOptions { Seed = 7, LeadCount = 1_000, UserCount = 150, Days = 40, UseKcHouse = false });
        var history = MarketHistory.From(market);
        var trainEnd = market.Start + (market.End - market.Start) * 0.8;
        var set = TrainingSetBuilder.Build(history.Before(trainEnd), new TrainingSetOptions());
        return new Scenario(history, trainEnd, set, LeadModelTrainer.DriftBaseline(set, new LeadModelTrainerOptions())!);
    }
}
