using Orleans.Configuration;

namespace LeadRecs.Silo.Hosting;

/// <summary>
/// How fast silos find a dead or frozen peer. Measured on loopback, 2 silo processes on 2 shared cores
/// (Tests/IntegrationTests/Cluster/MembershipRecoveryTests and FrozenSiloTests): a killed silo is declared dead in
/// 2.2-3.3 s, a frozen one (SIGSTOP) in 3.5-4.4 s at a 1.5 s probe timeout (4.8-6.4 s at 2 s, when a client's retry
/// after a 5 s timeout could still land on the frozen silo: the chaos suite's write window then doubled to 10.2 s);
/// before these settings a frozen one took 15-20 s.
/// </summary>
public static class ClusterMembership
{
    /// <summary>The probe timeout, and the most it may grow to.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1.5);

    public static void Configure(ClusterMembershipOptions o)
    {
        // A probe period and timeout adapt to the peer's response times between Min and MaxProbeTimeout. A vote is
        // also suppressed while a message arrived from the peer within MaxProbeTimeout x NumMissedProbesLimit (the
        // connection liveness check). With MaxProbeTimeout left at its default (4 x ProbeTimeout = 8 s) that is 16 s,
        // which is why a frozen silo, whose TCP connections stay open, was declared dead only after 15-20 s while a
        // killed one (connections refused) took 2-4 s. Capping it at ProbeTimeout bounds both at about 2 x 1.5 s.
        o.ProbeTimeout = ProbeTimeout;
        o.MaxProbeTimeout = ProbeTimeout;
        o.NumMissedProbesLimit = 2;
        // Votes needed are min(NumVotesForDeathDeclaration, (active silos + 1) / 2): one in a 2-silo cluster, two from
        // three silos on. Votes stay fresh for DeathVoteExpirationTimeout (2 min default), long enough to add up.
        // Heartbeats every 5 s (default 30 s): an entry is stale after 3 missed ones (15 s), and a stale silo neither
        // counts as a voter nor serves as an indirect prober, so a frozen silo stops holding up decisions sooner.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        // Re-read the table every 10 s (default 60 s): a silo learns of a table written back after a Redis loss, or of
        // a peer's death it missed, within seconds. One HGETALL of a few rows.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
