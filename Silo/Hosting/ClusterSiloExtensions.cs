using System.Data.Common;
using LeadRecs.Grains.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace LeadRecs.Silo.Hosting;

public static class ClusterSiloExtensions
{
    /// <summary>Invariant name under which the Orleans ADO.NET providers find Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

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
        silo.Services.AddLeadRecsGrains();
        return silo;
    }
}
