using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Training;

namespace LeadRecs.UnitTests.Training;

public sealed class TrainingSetBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<TrainingSet> Full = new(() => TrainingSetBuilder.Build(TinyMarket.History));

    private static Lead House(string id, double lat = 47.6) => new(id, lat, -122.3, 500_000, LeadKind.House, 3, 120, T0.AddDays(-30));

    private static MarketHistory Hand(params Interaction[] interactions) =>
        new([House("a"), House("b", 47.601), House("c", 47.602), House("d", 47.603)], interactions, [], []);

    [Fact]
    public void Views_are_labelled_by_what_followed_them_within_the_window()
    {
        var history = Hand(
            new Interaction("u", "a", InteractionKind.View, T0),
            new Interaction("u", "a", InteractionKind.Click, T0.AddMinutes(1)),
            new Interaction("u", "b", InteractionKind.View, T0.AddMinutes(2)),
            new Interaction("u", "b", InteractionKind.Click, T0.AddMinutes(3)),
            new Interaction("u", "b", InteractionKind.Inquiry, T0.AddMinutes(9)),
            new Interaction("u", "c", InteractionKind.View, T0.AddMinutes(10)),
            new Interaction("u", "c", InteractionKind.Click, T0.AddHours(3)),     // too late for the view: an impression of its own
            new Interaction("u", "d", InteractionKind.Click, T0.AddHours(4)));    // no view at all: likewise
        var options = new TrainingSetOptions { SampledNegativesPerImpression = 0 };

        var set = TrainingSetBuilder.Build(history, options);

        Assert.Equal([0, 2, 5, 6, 7], set.Rows.Select(r => r.InteractionIndex));
        Assert.Equal([1f, 1f, 0f, 1f, 1f], set.Data.Labels);
        Assert.Equal([options.ClickWeight, options.InquiryWeight, options.ViewNegativeWeight, options.ClickWeight, options.ClickWeight], set.Data.Weights!);
        Assert.All(set.Rows, r => Assert.Equal(ExampleSource.Impression, r.Source));
    }

    [Fact]
    public void A_view_the_user_comes_back_to_within_the_revisit_window_is_a_positive()
    {
        var history = Hand(
            new Interaction("u", "a", InteractionKind.View, T0),
            new Interaction("u", "b", InteractionKind.View, T0),
            new Interaction("u", "c", InteractionKind.View, T0),
            new Interaction("u", "c", InteractionKind.View, T0.AddMinutes(10)),   // the same visit, not a return
            new Interaction("u", "a", InteractionKind.View, T0.AddDays(2)),
            new Interaction("u", "b", InteractionKind.View, T0.AddDays(10)));    // too late
        var options = new TrainingSetOptions { SampledNegativesPerImpression = 0, RevisitWeight = 0.5f };

        var set = TrainingSetBuilder.Build(history, options);
        var off = TrainingSetBuilder.Build(history, options with { RevisitWindow = TimeSpan.Zero });

        Assert.Equal([1f, 0f, 0f, 0f, 0f, 0f], set.Data.Labels);
        Assert.Equal(0.5f, set.Data.Weights![0]);
        Assert.All(off.Data.Labels, label => Assert.Equal(0f, label));
    }

    [Fact]
    public void Features_are_those_of_the_moment_before_the_interaction()
    {
        var history = Hand(
            new Interaction("u", "a", InteractionKind.View, T0),
            new Interaction("u", "a", InteractionKind.View, T0.AddMinutes(5)));
        var set = TrainingSetBuilder.Build(history, new TrainingSetOptions { SampledNegativesPerImpression = 0 });
        var schema = set.Schema;

        // The first view sees a cold user and an unviewed lead; the second sees the first view and nothing later.
        Assert.Equal(1f, set.Data.DenseRow(0)[schema.IndexOfDense("user.is_cold")]);
        Assert.Equal(0f, set.Data.DenseRow(0)[schema.IndexOfDense("lead.log_popularity")]);
        Assert.Equal(0f, set.Data.DenseRow(1)[schema.IndexOfDense("user.is_cold")]);
        Assert.Equal((float)(Math.Log(2) / 5), set.Data.DenseRow(1)[schema.IndexOfDense("user.log_views")], 4);
        Assert.True(set.Data.DenseRow(1)[schema.IndexOfDense("lead.log_popularity")] > 0);
    }

    [Fact]
    public void No_row_changes_when_later_events_are_added_to_the_log()
    {
        // The strongest form of "no leakage": rebuild from a prefix of the log, and every row made before the cut
        // has exactly the same features (labels may differ: a view's click can come after the cut).
        var history = TinyMarket.History;
        var cut = history.Interactions.Count / 2;
        var prefix = TrainingSetBuilder.Build(history.Take(cut));
        var full = Full.Value;

        var shared = prefix.Rows.Count(r => r.InteractionIndex < cut);
        Assert.True(shared > 1_000, $"{shared} rows before the cut");
        Assert.Equal(prefix.Rows.Take(shared), full.Rows.Take(shared));
        var d = full.Data.DenseWidth;
        var c = full.Data.CategoricalCount;
        Assert.True(prefix.Data.Dense.AsSpan(0, shared * d).SequenceEqual(full.Data.Dense.AsSpan(0, shared * d)));
        Assert.True(prefix.Data.Categorical.AsSpan(0, shared * c).SequenceEqual(full.Data.Categorical.AsSpan(0, shared * c)));
    }

    [Fact]
    public void Rows_are_in_time_order_and_carry_their_interaction()
    {
        var set = Full.Value;
        var interactions = TinyMarket.History.Interactions;

        Assert.Equal(set.Count, set.Rows.Count);
        for (var i = 1; i < set.Rows.Count; i++)
        {
            Assert.True(set.Rows[i].At >= set.Rows[i - 1].At);
        }
        Assert.All(set.Rows.Take(2_000), r =>
        {
            Assert.Equal(interactions[r.InteractionIndex].At, r.At);
            Assert.Equal(interactions[r.InteractionIndex].UserId, r.UserId);
        });
        Assert.Same(FeatureSchemas.Latest, set.Schema);
        Assert.InRange(set.Positives, 100, set.Impressions / 2);
    }

    [Fact]
    public void Sampled_negatives_are_available_untouched_leads_near_the_user()
    {
        var history = TinyMarket.History;
        var set = Full.Value;
        var market = new PointInTimeMarket(history);
        var checkedRows = 0;
        var inPlannedCells = 0;
        for (var i = 0; i < history.Interactions.Count && checkedRows < 300; i++)
        {
            var interaction = history.Interactions[i];
            market.AdvanceTo(interaction.At);
            var profile = market.Profile(interaction.UserId);
            var cells = CandidatePlanner.CellsFor(profile, PointInTimeMarket.Zoom).ToHashSet();
            foreach (var row in set.Rows.Where(r => r.InteractionIndex == i && r.Source == ExampleSource.SampledNegative))
            {
                Assert.True(market.TryGetLead(row.LeadId, out var lead));
                Assert.True(market.IsAvailable(lead));
                Assert.False(profile.RecentLeads.ContainsKey(row.LeadId));
                Assert.NotEqual(interaction.LeadId, row.LeadId);
                checkedRows++;
                inPlannedCells += cells.Contains(market.CellOf(lead)) ? 1 : 0;
            }
            market.Apply(interaction);
        }
        Assert.True(checkedRows >= 300);
        // Half are drawn by popularity (from anywhere); the rest from the cells serving would pull candidates from.
        Assert.InRange(inPlannedCells, checkedRows * 4 / 10, checkedRows);
        Assert.All(Enumerable.Range(0, set.Count).Where(r => set.Rows[r].Source == ExampleSource.SampledNegative), r => Assert.Equal(0f, set.Data.Labels[r]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_negatives()
    {
        var history = TinyMarket.History.Take(3_000);
        var a = TrainingSetBuilder.Build(history, new TrainingSetOptions { Seed = 3 });
        var b = TrainingSetBuilder.Build(history, new TrainingSetOptions { Seed = 3 });
        var other = TrainingSetBuilder.Build(history, new TrainingSetOptions { Seed = 4 });

        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.Data.Dense, b.Data.Dense);
        Assert.Equal(a.Data.Labels, b.Data.Labels);
        Assert.NotEqual(a.Rows.Select(r => r.LeadId), other.Rows.Select(r => r.LeadId));
        Assert.Equal(a.Rows.Where(r => r.Source == ExampleSource.Impression), other.Rows.Where(r => r.Source == ExampleSource.Impression));
    }

    [Fact]
    public void Impressions_of_leads_already_inquired_about_are_left_out_as_the_ranker_leaves_them_out()
    {
        var history = Hand(
            new Interaction("u", "a", InteractionKind.Inquiry, T0),
            new Interaction("u", "a", InteractionKind.View, T0.AddHours(5)),
            new Interaction("u", "b", InteractionKind.View, T0.AddHours(6)));

        var set = TrainingSetBuilder.Build(history, new TrainingSetOptions { SampledNegativesPerImpression = 0 });

        Assert.Equal([0, 2], set.Rows.Select(r => r.InteractionIndex));
    }

    [Fact]
    public void An_unordered_log_is_refused()
    {
        var history = Hand(new Interaction("u", "a", InteractionKind.View, T0), new Interaction("u", "b", InteractionKind.View, T0.AddMinutes(-1)));
        Assert.Throws<ArgumentException>(() => TrainingSetBuilder.Build(history));
    }
}
