using LeadRecs.Silo.Hosting;

namespace LeadRecs.Client.Api.Hosting;

/// <summary>
/// An API that is an Orleans client is ready while it has a connection to at least one gateway. Orleans reports every
/// change of that count; a gateway dropped from the list (its silo declared dead) or closed by its silo counts down.
/// </summary>
public sealed class ClientGatewayReadiness : IClusterConnectionStatusObserver, IClusterReadinessProbe
{
    private int _gateways;

    /// <summary>Gateways this client is connected to.</summary>
    public int Gateways => Volatile.Read(ref _gateways);

    public ClusterReadiness Check()
    {
        var gateways = Gateways;
        return gateways > 0
            ? new ClusterReadiness(true, $"connected to the cluster (gateways: {gateways})")
            : new ClusterReadiness(false, "no gateway of the cluster is connected");
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);
}
