using System.Net;
using System.Net.Sockets;

namespace LeadRecs.UnitTests.Api;

internal static class FreePorts
{
    /// <summary>A loopback port nobody listens on now; embedded silos in parallel test hosts must not collide.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
