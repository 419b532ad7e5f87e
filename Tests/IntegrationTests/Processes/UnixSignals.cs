using System.Runtime.InteropServices;

namespace LeadRecs.IntegrationTests.Processes;

/// <summary>
/// kill(2) for the signals .NET's Process has no method for (it only kills): freezing and thawing a process is how
/// the fault tests imitate a silo that stops answering without dying.
/// </summary>
internal static class UnixSignals
{
    public const int Kill = 9;
    public const int Continue = 18;
    public const int Stop = 19;

    public static int Send(int processId, int signal) => SendSignal(processId, signal);

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, and two ints need none.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int sig);
}
