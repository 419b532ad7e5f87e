using System.Data.Common;
using LeadRecs.Grains.Caching;
using LeadRecs.Grains.Hosting;
using LeadRecs.Grains.Interfaces;
using LeadRecs.Storage;
using LeadRecs.Storage.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace LeadRecs.Silo.Hosting;

public static class ClusterSiloExtensions
{
    /// <summary>Invariant name under which the Orleans ADO.NET providers find Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Connections a silo keeps for reading the interaction log (user grains replaying after a restart).</summary>
    public const int LogReaderPoolSize = 8;

    /// <summary>
    /// A silo of the real cluster: membership in Redis, grain state and reminders in PostgreSQL (schema applied
    /// by <c>leadrecs migrate</c>). Endpoints are set by the caller: the host's ports or Kubernetes hosting.
    /// </summary>
    public static ISiloBuilder UseLeadRecsCluster(this ISiloBuilder silo, ClusterSettings settings)
    {
        DbProviderFactories.RegisterFactory(NpgsqlInvariant, NpgsqlFactory.Instance);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.UseRedisClustering(settings.Redis);
        silo.Configure<ClusterMembershipOptions>(ClusterMembership.Configure);
        // Orleans does not rebuild a membership table its store lost; each silo keeps a copy and writes it back.
        silo.Services.AddSingleton<MembershipTableGuard>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<MembershipTableGuard>());
        silo.Services.AddSingleton<IClusterReadinessProbe, SiloMembershipReadiness>();
        // A call stuck on a silo that died mid-request fails after this (default 30 s) and is retried by the caller.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = LeadRecsClientExtensions.ResponseTimeout);
        silo.AddAdoNetGrainStorage(LeadRecsGrainOptions.StorageName, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = settings.Postgres;
            o.GrainStorageSerializer = GrainStateSerializer.Instance;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = settings.Postgres;
        });
        // No activation rebalancer (AddActivationRebalancer), on purpose. A move carries the grain's state through the
        // Orleans serializer (PersistentState is an IGrainMigrationParticipant), and our states have no Orleans codec:
        // they are stored as JSON (GrainStateSerializer) and hold Ranking types, which know nothing of Orleans. Every
        // move logged "Error while dehydrating activation" (CodecNotFoundException: LeadGrainState, UserGrainState)
        // and became a deactivation and a fresh activation anyway. That is also all a move needs: every grain writes
        // its state when it deactivates and starts from storage plus the interaction log. Random placement spreads new
        // activations, and a silo that rejoins empty fills as idle activations are collected and come back.
        // The second cache tier: rankings in Redis, shared by every silo, so a reactivated user grain (after a
        // silo restart or a move) answers from Redis instead of recomputing.
        silo.Services.AddLeadRecsRedisRankingCache(settings.Redis, settings.ServiceId + ":");
        // Model artifacts in the same PostgreSQL as grain state.
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresConnections.WithBoundedPool(settings.Postgres)));
        silo.Services.AddSingleton<IModelArtifactStore>(sp => new PostgresModelArtifactStore(sp.GetRequiredService<NpgsqlDataSource>()));
        silo.Services.AddLeadRecsGrains();
        // User grains write their state behind and replay their user's rows of the interaction log when they start;
        // retraining reads its window.
        // Short, indexed reads: a small pool of their own, so a burst of activations after a silo failure cannot take
        // the connections grain storage needs. API processes append; one that is a silo itself appends through this
        // log too, which takes a single connection (its one group-commit writer).
        var logConnections = new NpgsqlConnectionStringBuilder(settings.Postgres) { MaxPoolSize = LogReaderPoolSize };
        silo.Services.AddKeyedSingleton(nameof(IInteractionLog), (_, _) => NpgsqlDataSource.Create(logConnections.ConnectionString));
        silo.Services.AddSingleton<IInteractionLog>(sp =>
            new PostgresInteractionLog(sp.GetRequiredKeyedService<NpgsqlDataSource>(nameof(IInteractionLog))));
        return silo;
    }
}
