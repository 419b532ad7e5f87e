using System.Diagnostics;
using System.Net.Sockets;
using LeadRecs.IntegrationTests.Processes;

namespace LeadRecs.IntegrationTests.Faults;

/// <summary>
/// A redis-server of one test's own on a free loopback port, which the test may kill and restart: test.sh's Redis
/// is shared with the other collections and must never be killed. Append-only persistence (fsync every second) in
/// a directory of its own, so a restart on the same port and directory brings back what was written more than a
/// second before the kill, as a production Redis with AOF would.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("leadrecs-faults-redis-");
    private Process? _process;

    public int Port { get; } = ServiceProcess.FreePort();

    /// <summary>host:port, as ConnectionStrings__Redis takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public string LogPath => Path.Combine(_directory.FullName, "redis.log");

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis();
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port and directory and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        Assert.True(_process is null or { HasExited: true }, "redis should be stopped before it is started");
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory.FullName, "--logfile", LogPath,
                     "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await AnswersPingAsync())
        {
            Assert.False(_process.HasExited, $"redis-server exited with {(_process.HasExited ? _process.ExitCode : 0)}: {Tail()}");
            Assert.True(DateTime.UtcNow < deadline, $"redis on port {Port} did not answer within 15 s: {Tail()}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown, no final fsync of the append-only file.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
    }

    public string Tail(int lines = 20) =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
