using System.Runtime.InteropServices;

namespace DevTools.Engine.Isolation;

/// <summary>Network namespaces: made, joined and held by descriptor (all per thread: they change only the calling thread).</summary>
internal static partial class Native
{
    private const int CLONE_NEWNET = 0x40000000;
    private const int O_RDONLY = 0;
    private const int AF_INET = 2;
    private const int SOCK_DGRAM = 2;
    private const nuint SIOCGIFFLAGS = 0x8913;
    private const nuint SIOCSIFFLAGS = 0x8914;
    private const short IFF_UP = 1;

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int SysUnshare(int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SysSetns(int fd, int namespaceType);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int SysSocket(int domain, int type, int protocol);

    /// <summary>
    /// Moves the calling thread into a new network namespace with its loopback up, and returns a descriptor that holds
    /// the namespace (close-on-exec: no child inherits it). Throws <see cref="IOException"/> with the step that failed.
    /// </summary>
    public static int CreateNetworkNamespace()
    {
        if (SysUnshare(CLONE_NEWNET) != 0) throw new IOException(Errno("unshare(CLONE_NEWNET)"));
        var descriptor = SysOpen("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        if (descriptor < 0) throw new IOException(Errno("open /proc/thread-self/ns/net"));
        if (BringLoopbackUp() is { } error)
        {
            SysClose(descriptor);
            throw new IOException(error);
        }
        return descriptor;
    }

    /// <summary>Moves the calling thread into the network namespace a descriptor holds.</summary>
    public static void JoinNetworkNamespace(int descriptor)
    {
        if (SysSetns(descriptor, CLONE_NEWNET) != 0) throw new IOException(Errno("setns(CLONE_NEWNET)"));
    }

    public static void CloseDescriptor(int descriptor) => SysClose(descriptor);

    /// <summary>Sets IFF_UP on <c>lo</c> (the kernel gives it 127.0.0.1/8 and ::1 then); null on success.</summary>
    private static string? BringLoopbackUp()
    {
        var socket = SysSocket(AF_INET, SOCK_DGRAM | O_CLOEXEC, 0);
        if (socket < 0) return Errno("socket");
        try
        {
            // struct ifreq: the interface's name (16 bytes), then a union whose first member is the flags (a short).
            var request = new byte[40];
            "lo"u8.CopyTo(request);
            if (SysIoctl(socket, SIOCGIFFLAGS, request) != 0) return Errno("SIOCGIFFLAGS lo");
            BitConverter.TryWriteBytes(request.AsSpan(16), (short)(BitConverter.ToInt16(request, 16) | IFF_UP));
            return SysIoctl(socket, SIOCSIFFLAGS, request) == 0 ? null : Errno("SIOCSIFFLAGS lo");
        }
        finally { SysClose(socket); }
    }
}
