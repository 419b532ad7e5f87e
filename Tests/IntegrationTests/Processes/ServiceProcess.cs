using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LeadRecs.IntegrationTests.Processes;

/// <summary>
/// A silo or API instance as its own OS process, started from the project's build output the way
/// scripts/cluster.sh and Kubernetes start it (configuration through environment variables).
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly ProcessStartInfo _start;
    private Process? _process;

    private ServiceProcess(ProcessStartInfo start, int httpPort)
    {
        _start = start;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public static ServiceProcess Create(string project, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(BuildOutput(project, dll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return new ServiceProcess(start, port);
    }

    /// <summary>Where the process's output goes, for the post-mortem of a failed run.</summary>
    public string LogPath { get; } = Path.Combine(Path.GetTempPath(), "leadrecs-processes", $"{Guid.NewGuid():N}.log");

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        var log = TextWriter.Synchronized(new StreamWriter(LogPath, append: true) { AutoFlush = true });
        _process = Process.Start(_start)!;
        // Drain the output (a chatty process must never block on a full pipe) into the log file.
        _process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        _process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown, no flushing — a crash.</summary>
    public void Kill()
    {
        // kill(2) first: walking the process tree takes milliseconds, and a test that kills at a chosen moment
        // (mid-request) must not give the process time to finish what it was doing.
        if (_process is { HasExited: false } running)
        {
            UnixSignals.Send(running.Id, UnixSignals.Kill);
        }
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>The exit code once the process has ended on its own within <paramref name="timeout"/>, else null.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(cancellation.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Whether the process ran and ended, by a kill or by itself.</summary>
    public bool HasExited => _process is { HasExited: true };

    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>SIGSTOP: the process stays alive and keeps its sockets but answers nothing, as a VM or GC pause would.</summary>
    public void Freeze() => Signal(UnixSignals.Stop);

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal(UnixSignals.Continue);

    /// <summary>The last lines of the process's output, for the message of a failed assertion.</summary>
    public string LogTail(int lines = 40)
    {
        if (!File.Exists(LogPath))
        {
            return "(no log)";
        }
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n').Where(l => l.Trim().Length > 0);
        return string.Join('\n', all.TakeLast(lines));
    }

    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process!.HasExited, $"{_start.ArgumentList[0]} exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/health"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{_start.ArgumentList[0]} on port {HttpPort} did not become healthy within {timeout}");
    }

    private void Signal(int signal)
    {
        Assert.True(_process is { HasExited: false }, "the process should be running");
        Assert.Equal(0, UnixSignals.Send(_process!.Id, signal));
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Tests/IntegrationTests/bin/{Configuration}/{tfm} -> {Project}/bin/{Configuration}/{tfm}/{dll}.</summary>
    private static string BuildOutput(string project, string dll)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repo = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repo, project, "bin", testBin.Parent.Name, testBin.Name, dll);
        Assert.True(File.Exists(path), $"{dll} should be built at {path}");
        return path;
    }
}
