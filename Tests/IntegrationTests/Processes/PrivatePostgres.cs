using System.Security.Cryptography;
using LeadRecs.Storage;
using Npgsql;

namespace LeadRecs.IntegrationTests.Processes;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a unique temporary directory, pg_ctl on a free loopback port)
/// with the LeadRecs schema applied by the project's migrator; the test may crash and restart it, which test.sh's
/// shared server must never suffer. As in scripts/services.sh, postgres refuses to run as root, so a root test runs
/// it as an unprivileged OS user.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Database = "leadrecs";
    private const string User = "leadrecs";

    private readonly DirectoryInfo _directory;
    private readonly string _bin;
    private readonly string _osUser;
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private PrivatePostgres(DirectoryInfo directory, string bin, string osUser)
    {
        _directory = directory;
        _bin = bin;
        _osUser = osUser;
    }

    public int Port { get; } = ServiceProcess.FreePort();

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Password = _password, Database = Database,
    }.ConnectionString;

    /// <summary>For the test's own reads: unpooled, so no read inherits a connection that died with the server.</summary>
    public string UnpooledConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;

    public string LogPath => Path.Combine(_directory.FullName, "postgres.log");

    private string DataDirectory => Path.Combine(_directory.FullName, "data");

    public static async Task<PrivatePostgres> StartMigratedAsync()
    {
        var directory = Directory.CreateTempSubdirectory("leadrecs-test-pg-");
        var postgres = new PrivatePostgres(directory, FindBin(), HostCommand.IsRoot ? await OsUserAsync() : Environment.UserName);
        try
        {
            await postgres.InitAsync();
            await postgres.RestartAsync();
            await using (var connection = new NpgsqlConnection(
                             new NpgsqlConnectionStringBuilder(postgres.UnpooledConnectionString) { Database = "postgres" }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            await new SchemaMigrator().MigrateAsync(postgres.UnpooledConnectionString);
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the server (again) on the same port and data directory; after <see cref="CrashAsync"/> it runs crash
    /// recovery from the WAL first. max_connections: two silos (up to 72 connections each), two APIs (32 each) and
    /// the test's own reads.
    /// </summary>
    public Task RestartAsync() => AsOsUserAsync(
        Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "-o",
        // fsync=off: the faults are process crashes, after which the kernel still has every write; only a machine
        // crash would need the flush, and the flushes would compete for the disk with the other tests.
        $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_directory.FullName} -c fsync=off -c max_connections=300",
        "start");

    /// <summary>
    /// A crash: immediate shutdown sends SIGQUIT to the postmaster and every backend, which end at once without a
    /// checkpoint, so the restart replays the WAL as after a SIGKILL. (A SIGKILL of the postmaster alone would leave
    /// orphaned backends holding its shared memory, and the restart would wait for them.)
    /// </summary>
    public Task CrashAsync() => AsOsUserAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public string Tail(int lines = 20) =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await CrashAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped; nothing to clean up but the files.
            }
        }
        NpgsqlConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private async Task InitAsync()
    {
        var passwordFile = Path.Combine(_directory.FullName, "pwfile");
        await File.WriteAllTextAsync(passwordFile, _password + "\n");
        if (HostCommand.IsRoot)
        {
            // The temporary directory is the root's (mode 700); the server's OS user must own it to create its data.
            await HostCommand.RunAsync("chown", "-R", _osUser, _directory.FullName);
        }
        await AsOsUserAsync(
            Path.Combine(_bin, "initdb"), "-D", DataDirectory, "-U", User, $"--pwfile={passwordFile}",
            "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        File.Delete(passwordFile);
    }

    private Task AsOsUserAsync(string program, params string[] arguments) => HostCommand.IsRoot
        ? HostCommand.RunAsync("runuser", ["-u", _osUser, "--", program, .. arguments])
        : HostCommand.RunAsync(program, arguments);

    /// <summary>The newest installed major version (Debian keeps each under /usr/lib/postgresql/N/bin).</summary>
    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
                .FirstOrDefault() ?? throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql; run scripts/services.sh start")
            : throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql; run scripts/services.sh start");

    /// <summary>As scripts/services.sh: the distribution's postgres user, else a system user of our own.</summary>
    private static async Task<string> OsUserAsync()
    {
        try
        {
            await HostCommand.RunAsync("id", "postgres");
            return "postgres";
        }
        catch (InvalidOperationException)
        {
            try
            {
                await HostCommand.RunAsync("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "leadrecs-pg");
            }
            catch (InvalidOperationException)
            {
                // Created meanwhile by another run.
            }
            return "leadrecs-pg";
        }
    }
}
