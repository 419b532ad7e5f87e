namespace LeadRecs.Silo.Hosting;

/// <summary>
/// A silo is ready while its own membership view has it Active and the membership table, when it could last be
/// read, held its row. A silo declared dead, still joining, shutting down, or missing from the table is not ready, so
/// Kubernetes and load balancers stop sending to it. An unreachable Redis alone does not make it unready: nothing
/// in membership changes while nobody can write the table, and failing every silo's probe would be a total outage.
/// Nor is a silo ready before its guard has read the table once: it could not yet help write a lost table back.
/// </summary>
public sealed class SiloMembershipReadiness(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    MembershipTableGuard guard) : IClusterReadinessProbe
{
    public ClusterReadiness Check()
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return new ClusterReadiness(false, $"silo is {status} in the cluster");
        }
        return guard.State switch
        {
            // Until the guard has read the table once it holds no copy to write back should the store lose it.
            MembershipTableState.Starting => new ClusterReadiness(false, "membership table not checked yet"),
            MembershipTableState.EntryMissing => new ClusterReadiness(false, "silo has no entry in the membership table"),
            MembershipTableState.TableLost => new ClusterReadiness(false, "membership table lost"),
            MembershipTableState.StoreUnreachable when !guard.HasCopy => new ClusterReadiness(false, "membership table not read yet (store unreachable)"),
            MembershipTableState.StoreUnreachable => new ClusterReadiness(true, "active member (membership store unreachable)"),
            MembershipTableState.Restoring => new ClusterReadiness(true, "active member (membership table being written back)"),
            _ => new ClusterReadiness(true, "active member"),
        };
    }
}
