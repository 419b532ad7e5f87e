using System.Diagnostics.Metrics;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Grains.Retraining;
using LeadRecs.Grains.Telemetry;
using LeadRecs.Ranking.Training;
using LeadRecs.UnitTests.Training;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRecs.UnitTests.Retraining;

[Collection(RetrainingClusterCollection.Name)]
public sealed class DriftReporterTests(RetrainingClusterFixture fixture)
{
    [Fact]
    public async Task The_reporter_sends_what_the_stable_model_scored_to_the_retraining_grain_and_exports_the_PSI_per_feature()
    {
        var services = fixture.SiloServices;
        var model = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModelRegistryOptions>>().Value.ServingModel;
        var reporter = services.GetRequiredService<DriftReporter>();
        Assert.False(await reporter.ReportAsync()); // the baseline serves: nothing to report

        // The serving model's first version, registered just now (younger than the cool-down, so no retraining starts).
        var artifact = LeadModelFixture.Latest.Artifact;
        Assert.NotNull(artifact.Manifest.Baseline);
        await fixture.Artifacts.PutAsync(artifact);
        await fixture.Registry(model).RegisterAsync(artifact.Manifest.ToVersionEntry(fixture.Time.GetUtcNow(), "test"), 0, "serve it");
        var serving = services.GetRequiredService<ServingModels>();
        for (var i = 0; i < 200 && serving.Find(null, RegistrySnapshot.StableLabel) is null; i++)
        {
            await Task.Delay(50);
        }
        var stable = serving.Find(null, RegistrySnapshot.StableLabel);
        Assert.NotNull(stable);

        // Serving traffic: every user of the tiny market scores every lead as of the end of its history.
        var market = new PointInTimeMarket(TinyMarket.History);
        foreach (var interaction in TinyMarket.History.Interactions)
        {
            market.Apply(interaction);
        }
        var candidates = Enumerable.Range(0, market.LeadCount).Select(market.Candidate).ToArray();
        var scores = new float[candidates.Length];
        foreach (var user in market.Users.ToList())
        {
            stable.Score(market.Profile(user), candidates, scores);
        }

        Assert.True(await reporter.ReportAsync());

        var status = await fixture.Retraining(model).GetStatusAsync();
        Assert.Equal(artifact.Manifest.Baseline!.Features.Select(f => f.Name).Order(), status.Drift.Select(d => d.Feature).Order());
        Assert.All(status.Drift, d => Assert.True(d.Observations > 0 && double.IsFinite(d.Psi) && d.Psi >= 0));
        Assert.Null(status.Current);

        var exported = ObserveDriftGauge();
        Assert.Equal(status.Drift.Select(d => d.Feature).Order(), exported.Where(e => e.Model == model).Select(e => e.Feature).Order());
    }

    private static List<(string Model, string Feature, double Psi)> ObserveDriftGauge()
    {
        var seen = new List<(string, string, double)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LeadRecsMetrics.MeterName && instrument.Name == "leadrecs.feature.drift.psi")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? model = null, feature = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "model" ? tag.Value as string : model;
                feature = tag.Key == "feature" ? tag.Value as string : feature;
            }
            lock (seen)
            {
                seen.Add((model ?? "", feature ?? "", value));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
