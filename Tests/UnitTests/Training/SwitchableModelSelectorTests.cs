using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Models;
using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Training;

public sealed class SwitchableModelSelectorTests
{
    private sealed class FixedScorer(string version) : ILeadScorer
    {
        public ModelIdentity Model { get; } = new("fixed", version);

        public void Score(UserProfile user, IReadOnlyList<LeadCandidate> candidates, Span<float> scores) => scores.Clear();
    }

    [Fact]
    public void Serves_the_baseline_until_switched_then_everyone_gets_the_new_scorer()
    {
        var selector = new SwitchableModelSelector();
        Assert.Same(BaselineScorer.Instance, selector.ForUser("a").Scorer);

        var model = new FixedScorer("1");
        var previous = selector.Use(model, "treatment");

        Assert.Same(BaselineScorer.Instance, previous.Scorer);
        Assert.Same(model, selector.ForUser("a").Scorer);
        Assert.Same(model, selector.ForUser("b").Scorer);
        Assert.Equal("treatment", selector.ForUser("a").Variant);
        Assert.Throws<ArgumentNullException>(() => selector.Use(null!));
    }

    [Fact]
    public async Task Readers_racing_a_switch_see_one_whole_selection_or_the_other()
    {
        var selector = new SwitchableModelSelector();
        var scorers = Enumerable.Range(0, 50).Select(i => new FixedScorer(i.ToString())).ToArray();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var lastSeen = -1;
            while (!stop.IsCancellationRequested)
            {
                var selection = selector.ForUser("u");
                if (selection.Scorer is FixedScorer fixedScorer)
                {
                    var seen = int.Parse(fixedScorer.Model.Version);
                    Assert.Equal($"v{seen}", selection.Variant);
                    Assert.True(seen >= lastSeen, "a reader went back to an older model");
                    lastSeen = seen;
                }
            }
        })).ToArray();

        foreach (var scorer in scorers)
        {
            selector.Use(scorer, "v" + scorer.Model.Version);
            await Task.Yield();
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Same(scorers[^1], selector.Current.Scorer);
    }

    [Fact]
    public void The_grain_services_register_one_switchable_selector_as_the_model_selector()
    {
        using var services = new ServiceCollection().AddLeadRecsGrains().BuildServiceProvider();

        Assert.Same(services.GetRequiredService<SwitchableModelSelector>(), services.GetRequiredService<IModelSelector>());
    }
}
