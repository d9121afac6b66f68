using System.Runtime.InteropServices;

namespace DevTools.Engine.Isolation;

/// <summary>Non-blocking pipe reads, poll(2) and an eventfd: what reading a process's output in order takes.</summary>
internal static partial class Native
{
    public const short POLLIN = 0x1;
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const int O_NONBLOCK = 0x800;
    private const int EFD_NONBLOCK = 0x800;
    private const int EINTR = 4;
    public const int EAGAIN = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int SysPoll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint SysRead(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint SysWrite(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int SysFcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int SysEventFd(uint initial, int flags);

    /// <summary>Waits until one of the descriptors is ready (retrying when a signal interrupts the wait).</summary>
    public static unsafe void Poll(Span<PollFd> fds)
    {
        fixed (PollFd* p = fds)
            while (SysPoll(p, (nuint)fds.Length, -1) < 0 && Marshal.GetLastPInvokeError() == EINTR) { }
    }

    /// <summary>Reads what is there: the byte count, 0 at end of file, or -errno (-EAGAIN when a non-blocking pipe is empty).</summary>
    public static unsafe int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
            while (true)
            {
                var n = SysRead(fd, p, (nuint)buffer.Length);
                if (n >= 0) return (int)n;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) return -errno;
            }
    }

    public static void SetNonBlocking(int fd) => SysFcntl(fd, F_SETFL, SysFcntl(fd, F_GETFL, 0) | O_NONBLOCK);

    /// <summary>An eventfd to wake a poll(2) with; -1 when the system has none.</summary>
    public static int NewWakeFd() => OperatingSystem.IsLinux() ? SysEventFd(0, EFD_NONBLOCK | O_CLOEXEC) : -1;

    public static unsafe void Wake(int wakeFd)
    {
        ulong one = 1;
        SysWrite(wakeFd, (byte*)&one, sizeof(ulong));
    }

    public static void CloseFd(int fd) => SysClose(fd);
}
