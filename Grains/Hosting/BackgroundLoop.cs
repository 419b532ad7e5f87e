namespace LeadRecs.Grains.Hosting;

/// <summary>
/// A silo service's loop on the thread pool, tied to the silo's lifecycle: started at one stage, cancelled and
/// awaited (up to the stage's own deadline) when the silo stops.
/// </summary>
internal sealed class BackgroundLoop
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Cancelled when the silo stops; also for work the loop's owner starts outside the loop.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Start(Func<CancellationToken, Task> run) => _loop = Task.Run(() => run(_stopping.Token), CancellationToken.None);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits for the timer's next tick; false once the silo is stopping.</summary>
    public static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
