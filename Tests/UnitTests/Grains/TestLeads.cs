using LeadRecs.Grains.Interfaces.Messages;

namespace LeadRecs.UnitTests.Grains;

internal static class TestLeads
{
    /// <summary>A unique prefix per test so that tests sharing a cluster never touch each other's grains.</summary>
    public static string Prefix() => Guid.NewGuid().ToString("N")[..8];

    public static LeadInfo Lead(string id, double lat, double lon, double price = 500_000, LeadKind kind = LeadKind.House,
        LeadStatus status = LeadStatus.Active) =>
        new(id, lat, lon, price, kind, 3, 120, GrainClusterFixture.Start.AddDays(-20), status);

    /// <summary>A latitude/longitude in a patch of ocean that only this test uses, so cells are not shared.</summary>
    private static int _spots;

    public static (double Lat, double Lon) PrivateSpot()
    {
        // Spots 0.5 degree apart in latitude and 1.1 in longitude: never the same cell, and each test gets its own.
        var n = Interlocked.Increment(ref _spots);
        return (-60 + (n / 300) * 0.5, -170 + (n % 300) * 1.1);
    }

    public static async Task Eventually(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }
            await Task.Delay(50);
        }
    }
}
