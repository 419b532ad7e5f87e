using LeadRecs.Grains.Interfaces;
using LeadRecs.Grains.Interfaces.Messages;
using LeadRecs.Grains.Interfaces.Models;
using LeadRecs.Grains.Registry;
using LeadRecs.Ranking.Features;
using LeadRecs.Ranking.Simulation;
using LeadRecs.Ranking.Training;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.Options;
using DomainLead = LeadRecs.Ranking.Domain.Lead;

namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// Fills an embedded service with a simulated market (leads from kc-house when present) and its history,
/// replayed through the same path as live traffic: interaction log first, then the grains. The simulated
/// period is shifted to end today, so decayed features and popularity look like a live market. Then it trains
/// a first deep model on that history and registers it, as the first version, stable; the baseline serves until
/// every silo has loaded it.
/// </summary>
public sealed class DemoMarketSeeder(
    IGrainFactory grains,
    IInteractionLog log,
    ServiceReadiness readiness,
    IModelArtifactStore artifacts,
    IOptions<ModelRegistryOptions> registryOptions,
    FeatureOptions features,
    IOptions<DemoMarketOptions> options,
    TimeProvider time,
    ILogger<DemoMarketSeeder> logger) : BackgroundService
{
    private const int LeadBatch = 250;
    private const int EventBatch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            readiness.MarkReady("ready (no demo market)");
            return;
        }
        try
        {
            var market = await SeedAsync(demo, stoppingToken);
            if (demo.TrainModel)
            {
                await TrainInitialModelAsync(market, demo, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The service still works for data posted by clients; /health says what went wrong.
            logger.LogError(ex, "Seeding the demo market failed");
            readiness.MarkReady("ready (demo market failed: " + ex.GetType().Name + ")");
        }
    }

    private async Task<SimulatedMarket> SeedAsync(DemoMarketOptions demo, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        readiness.Report("seeding demo market: simulating");
        var market = MarketSimulator.Simulate(new SimulationOptions
        {
            Seed = demo.Seed,
            LeadCount = demo.Leads,
            UserCount = demo.Users,
            Days = demo.Days,
            Start = today.AddDays(-demo.Days),
        }, cancellationToken: cancellationToken);

        readiness.Report("seeding demo market: leads");
        foreach (var chunk in market.Leads.Chunk(LeadBatch))
        {
            await Task.WhenAll(chunk.Select(l => grains.GetGrain<ILeadGrain>(l.Id).UpsertAsync(ToInfo(l))));
        }

        readiness.Report("seeding demo market: market data");
        await Task.WhenAll(market.MarketPoints.GroupBy(p => p.CellId).Select(g =>
            grains.GetGrain<IGeoCellGrain>(g.Key).AddMarketDataAsync(g
                .Select(p => new MarketObservation(p.CellId, p.Date, p.MedianPrice, p.PricePerSqm, p.Inventory, p.DaysOnMarket))
                .ToArray())));

        readiness.Report("seeding demo market: history");
        var ingest = grains.GetGrain<IInteractionIngestGrain>(0);
        foreach (var chunk in market.Interactions.Chunk(EventBatch))
        {
            var logged = await log.AppendWithPositionsAsync(chunk, cancellationToken);
            // With their log positions, so a user grain that replayed them from the log skips them here.
            await ingest.ApplyAsync(chunk
                .Select((i, n) => new InteractionEvent(
                    i.UserId, i.LeadId, (InteractionKind)(int)i.Kind, i.At, i.EventId, i.RecommendationId, LogPosition: logged.Positions[n]))
                .ToArray());
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        logger.LogInformation(
            "Demo market seeded from {Source} in {Seconds:0.0}s: {Leads} leads, {Users} users (user-1..user-{Users}), {Events} interactions",
            market.Source, seconds, market.Leads.Count, market.Users.Count, market.Users.Count, market.Interactions.Count);
        readiness.MarkReady($"ready (demo market from {market.Source}: {market.Leads.Count} leads, {market.Users.Count} users)");
        return market;
    }

    /// <summary>
    /// Trains on the same history the grains were just fed (so the model's features match what they serve),
    /// off the request path on the thread pool, then stores and registers it like any other version. A failure
    /// leaves the baseline serving.
    /// </summary>
    private async Task TrainInitialModelAsync(SimulatedMarket market, DemoMarketOptions demo, CancellationToken cancellationToken)
    {
        try
        {
            var defaults = new LeadModelTrainerOptions();
            var trainer = new LeadModelTrainer(defaults with
            {
                Clock = time,
                Trainer = defaults.Trainer with { MaxEpochs = demo.TrainEpochs },
                // The decay rates the grains use, or the model would learn on features serving never produces.
                TrainingSet = defaults.TrainingSet with { Features = features },
            });
            var result = await Task.Run(() => trainer.Train(MarketHistory.From(market), cancellationToken: cancellationToken), cancellationToken);
            var manifest = result.Artifact.Manifest;
            await artifacts.PutAsync(result.Artifact, cancellationToken);
            var registered = await grains.GetGrain<IModelRegistryGrain>(registryOptions.Value.ServingModel).RegisterAsync(
                manifest.ToVersionEntry(time.GetUtcNow(), "demo seeder"), 0, "initial model trained on the demo market's history");
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException($"The registry refused the initial model: {registered.Error}");
            }
            var metrics = manifest.OfflineMetrics;
            logger.LogInformation(
                "Initial model {Model} {Version} (schema {Schema}) registered: trained in {Seconds:0.0}s on {Rows} rows ({Positives} positives, "
                + "{SamplesPerSecond:N0} samples/s); validation AUC {Auc:0.000}, log loss {LogLoss:0.000}",
                registryOptions.Value.ServingModel, manifest.ModelVersion, manifest.SchemaVersion, result.TotalTime.TotalSeconds,
                result.TrainingSet.Count, result.TrainingSet.Positives, result.Training.SamplesPerSecond,
                metrics[LeadModelTrainer.ValidationAucMetric], metrics[LeadModelTrainer.ValidationLogLossMetric]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Training the initial model failed; the baseline keeps serving");
        }
    }

    private static LeadInfo ToInfo(DomainLead l) => new(
        l.Id, l.Lat, l.Lon, l.Price, (LeadKind)(int)l.Kind, l.Bedrooms, l.AreaSqm, l.ListedAt, (LeadStatus)(int)l.Status);
}
