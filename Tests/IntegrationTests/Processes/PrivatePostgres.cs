using System.Diagnostics;

namespace LeadRecs.IntegrationTests.Processes;

/// <summary>
/// A PostgreSQL server of one test's own on a free loopback port, for tests that stop and restart it: the server the
/// other tests share (started by test.sh) must never go down under them. Started like scripts/services.sh starts one
/// (initdb into a temporary directory, as the postgres user when the tests run as root), with trust authentication on
/// 127.0.0.1 and fsync off: the data is thrown away.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=leadrecs;Database=leadrecs";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql (scripts/services.sh installs it)");
        var directory = Directory.CreateTempSubdirectory("leadrecs-private-pg.").FullName;
        var server = new PrivatePostgres(bin, directory, ServiceProcess.FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", directory);
        }
        await server.PgAsync("initdb", "-D", server.DataDirectory, "-U", "leadrecs", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        await server.PgAsync("createdb", "-h", "127.0.0.1", "-p", server.Port.ToString(), "-U", "leadrecs", "leadrecs");
        return server;
    }

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartServerAsync() => PgAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_directory} -c fsync=off -c max_connections=300",
        "start");

    /// <summary>Immediate shutdown: every session is cut without a goodbye, as when the server crashes.</summary>
    public Task StopServerAsync() => PgAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await StopServerAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private Task PgAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        // initdb and postgres refuse to run as root.
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
