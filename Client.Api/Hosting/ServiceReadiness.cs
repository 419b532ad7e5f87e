namespace LeadRecs.Client.Api.Hosting;

/// <summary>Whether the service is ready for traffic: the silo (or cluster connection) is up and, in embedded mode, the demo market is seeded.</summary>
public sealed class ServiceReadiness
{
    private volatile bool _ready;
    private volatile string _status = "starting";

    public bool IsReady => _ready;

    public string Status => _status;

    public void MarkReady(string status)
    {
        _status = status;
        _ready = true;
    }

    public void Report(string status) => _status = status;
}
