using System.Diagnostics;

namespace LeadRecs.IntegrationTests.Processes;

/// <summary>
/// A redis-server of one test's own on a free loopback port, without persistence (as the cluster's Redis ran before
/// it kept an append-only file): killing and starting it again loses every key, which the shared test Redis must not.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private Process? _process;

    public int Port { get; } = ServiceProcess.FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (await AnswersAsync())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"redis-server did not answer on port {Port}");
    }

    /// <summary>SIGKILL: everything it held is gone.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
