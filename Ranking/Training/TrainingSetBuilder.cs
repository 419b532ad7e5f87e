using LeadRecs.Ranking.Candidates;
using LeadRecs.Ranking.Data;
using LeadRecs.Ranking.Domain;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Features.Schema;
using LeadRecs.Ranking.Model;

namespace LeadRecs.Ranking.Training;

/// <summary>
/// Builds a point-in-time-correct training set: the history is replayed in time order and every row's
/// features are computed from the state just before the interaction it belongs to, so no row ever sees a
/// later event. Labels look ahead only as far as the outcome of the impression itself (the click or inquiry
/// that followed a view within the attribution window).
/// </summary>
public static class TrainingSetBuilder
{
    private const int ProgressEvery = 10_000;

    // What became of an impression; also the label pass's marker for interactions that are not impressions.
    private const sbyte NotAnImpression = -1;
    private const sbyte NoConversion = 0;
    private const sbyte Clicked = 1;
    private const sbyte Inquired = 2;
    private const sbyte Revisited = 3;

    public static TrainingSet Build(
        MarketHistory history,
        TrainingSetOptions? options = null,
        IProgress<TrainingSetProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= new TrainingSetOptions();
        options.Validate();
        var interactions = history.Interactions;
        for (var i = 1; i < interactions.Count; i++)
        {
            if (interactions[i].At < interactions[i - 1].At)
            {
                throw new ArgumentException($"Interactions must be in time order; #{i} is earlier than #{i - 1}.", nameof(history));
            }
        }

        var outcomes = Outcomes(interactions, options.AttributionWindow, options.RevisitWindow);
        var market = new PointInTimeMarket(history, options.Features);
        var vectorizer = FeatureVectorizer.For(options.Schema);
        var rows = new RowWriter(vectorizer);
        var scratch = new NegativeScratch();
        var recent = new RecentLeadWindow(options.PopularNegativeWindow);
        for (var i = 0; i < interactions.Count; i++)
        {
            if (i % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new TrainingSetProgress(i, interactions.Count, rows.Count));
            }
            var interaction = interactions[i];
            market.AdvanceTo(interaction.At);
            if (outcomes[i] != NotAnImpression
                && (options.ExamplesFrom is not { } from || interaction.At >= from)
                && market.TryGetLead(interaction.LeadId, out var leadIndex))
            {
                // State as of just before this interaction: it is applied only after its rows are written.
                var profile = market.Profile(interaction.UserId);
                if (profile.RecentLeads.TryGetValue(interaction.LeadId, out var deepest) && deepest == InteractionKind.Inquiry)
                {
                    // The ranker never shows a lead the user already inquired about, so the model need not learn to score it.
                    market.Apply(interaction);
                    recent.Add(leadIndex);
                    continue;
                }
                var user = UserFeatureContext.From(profile, market.Now);
                var (label, weight) = outcomes[i] switch
                {
                    Inquired => (1f, options.InquiryWeight),
                    Clicked => (1f, options.ClickWeight),
                    Revisited => (1f, options.RevisitWeight),
                    _ => (0f, options.ViewNegativeWeight),
                };
                rows.Add(user, market.Candidate(leadIndex), label, weight, new TrainingRow(i, interaction.UserId, interaction.LeadId, interaction.At, ExampleSource.Impression));
                SampleNegatives(market, profile, leadIndex, options, i, scratch, recent, negative =>
                    rows.Add(user, market.Candidate(negative), 0f, options.SampledNegativeWeight,
                        new TrainingRow(i, interaction.UserId, market.Lead(negative).Id, interaction.At, ExampleSource.SampledNegative)));
            }
            if (market.Apply(interaction) && market.TryGetLead(interaction.LeadId, out var applied))
            {
                recent.Add(applied);
            }
        }
        progress?.Report(new TrainingSetProgress(interactions.Count, interactions.Count, rows.Count));
        return rows.ToTrainingSet(options.Schema, history.Source);
    }

    /// <summary>
    /// Labels each impression by the deepest step the same user took on the same lead within the attribution
    /// window after it, or as revisited when the user viewed the lead again later within the revisit window.
    /// A click or inquiry with no impression before it is an impression of its own (logs need not hold views).
    /// </summary>
    private static sbyte[] Outcomes(IReadOnlyList<Interaction> interactions, TimeSpan window, TimeSpan revisit)
    {
        var outcomes = new sbyte[interactions.Count];
        var open = new Dictionary<(string User, string Lead), int>();
        for (var i = 0; i < interactions.Count; i++)
        {
            var e = interactions[i];
            var key = (e.UserId, e.LeadId);
            var step = e.Kind == InteractionKind.Inquiry ? Inquired : e.Kind == InteractionKind.Click ? Clicked : NoConversion;
            if (step != NoConversion && open.TryGetValue(key, out var impression) && e.At - interactions[impression].At <= window)
            {
                outcomes[impression] = Math.Max(outcomes[impression], step);
                outcomes[i] = NotAnImpression;
                continue;
            }
            if (step == NoConversion && open.TryGetValue(key, out var earlier) && outcomes[earlier] == NoConversion
                && e.At - interactions[earlier].At > window && e.At - interactions[earlier].At <= revisit)
            {
                outcomes[earlier] = Revisited;
            }
            outcomes[i] = step;
            open[key] = i;
        }
        return outcomes;
    }

    /// <summary>
    /// Presumed negatives: available leads the user has not touched, part in proportion to recent popularity, the
    /// rest uniformly from the cells serving would pull candidates from. Uniform picks are made by rejection
    /// (pick a lead of those cells at random, retry if it is not eligible) rather than by listing the eligible
    /// leads first, which cost more than everything else in a big market. The generator is seeded by the
    /// interaction's index, so a row never depends on later events.
    /// </summary>
    private static void SampleNegatives(
        PointInTimeMarket market, UserProfile profile, int shownLead, TrainingSetOptions options, int interactionIndex,
        NegativeScratch scratch, RecentLeadWindow recent, Action<int> add)
    {
        var random = new SplitMix64(StableHash.Mix(((ulong)(uint)options.Seed << 32) ^ (uint)interactionIndex));
        var count = (int)options.SampledNegativesPerImpression;
        if (random.NextDouble() < options.SampledNegativesPerImpression - count)
        {
            count++;
        }
        if (count == 0)
        {
            return;
        }

        var picked = scratch.Picked;
        picked.Clear();
        bool Eligible(int lead) =>
            lead != shownLead && !picked.Contains(lead) && market.IsAvailable(lead) && !profile.RecentLeads.ContainsKey(market.Lead(lead).Id);

        var cells = scratch.Cells;
        cells.Clear();
        var total = 0;
        foreach (var cell in CandidatePlanner.CellsFor(profile, PointInTimeMarket.Zoom))
        {
            var leads = market.LeadsIn(cell);
            if (leads.Count > 0)
            {
                cells.Add(leads);
                total += leads.Count;
            }
        }

        for (var n = 0; n < count; n++)
        {
            var pick = random.NextDouble() < options.PopularNegativeShare ? recent.Sample(random, Eligible) : null;
            pick ??= total > 0 ? FromCells(cells, total, random, Eligible) : null;
            // A cold user has no cells yet: any available lead is as good a negative as any other.
            pick ??= RandomAvailableLead(market, random, Eligible);
            if (pick is { } lead)
            {
                picked.Add(lead);
                add(lead);
            }
        }
    }

    private static int? FromCells(List<IReadOnlyList<int>> cells, int total, SplitMix64 random, Func<int, bool> eligible)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var k = random.NextInt(total);
            foreach (var leads in cells)
            {
                if (k < leads.Count)
                {
                    if (eligible(leads[k]))
                    {
                        return leads[k];
                    }
                    break;
                }
                k -= leads.Count;
            }
        }
        return null;
    }

    private static int? RandomAvailableLead(PointInTimeMarket market, SplitMix64 random, Func<int, bool> eligible)
    {
        for (var attempt = 0; attempt < 32 && market.LeadCount > 0; attempt++)
        {
            var lead = random.NextInt(market.LeadCount);
            if (eligible(lead))
            {
                return lead;
            }
        }
        return null;
    }

    /// <summary>Buffers reused from one impression to the next.</summary>
    private sealed class NegativeScratch
    {
        public List<int> Picked { get; } = [];

        public List<IReadOnlyList<int>> Cells { get; } = [];
    }
}
