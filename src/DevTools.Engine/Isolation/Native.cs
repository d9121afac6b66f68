using System.Runtime.InteropServices;

namespace DevTools.Engine.Isolation;

/// <summary>The few libc calls the engine needs that .NET does not expose.</summary>
internal static partial class Native
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    private const int FIONREAD = 0x541B;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int SysIoctl(int fd, nuint request, out int value);

    /// <summary>Sends a signal to a process (pid &gt; 0) or a whole process group (pid &lt; 0).</summary>
    public static bool Kill(int pid, int signal) => !OperatingSystem.IsWindows() && SysKill(pid, signal) == 0;

    /// <summary>Bytes waiting in a pipe, or -1 when that cannot be known on this system.</summary>
    public static int BytesAvailable(nint fd)
    {
        if (!OperatingSystem.IsLinux()) return -1;
        return SysIoctl((int)fd, FIONREAD, out var n) == 0 ? n : -1;
    }

    /// <summary>True while a process with this id exists (possibly a zombie).</summary>
    public static bool ProcessExists(int pid) => !OperatingSystem.IsWindows() && SysKill(pid, 0) == 0;
}
