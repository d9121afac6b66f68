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

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint SysGeteuid();

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysMount(string source, string target, string fileSystemType, nuint flags, string data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysUmount2(string target, int flags);

    private const int MNT_DETACH = 2;

    public static bool IsRoot => OperatingSystem.IsLinux() && SysGeteuid() == 0;

    /// <summary>Mounts a size-capped tmpfs (root only). Returns null on success, else the errno text.</summary>
    public static string? MountTmpfs(string target, long sizeBytes)
    {
        if (SysMount("lambda-tmp", target, "tmpfs", 0, $"size={sizeBytes},mode=1777") == 0) return null;
        return new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError()).Message;
    }

    /// <summary>Detaches a mount (lazily, so a busy mount still goes away).</summary>
    public static bool Unmount(string target) => OperatingSystem.IsLinux() && SysUmount2(target, MNT_DETACH) == 0;

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
