using System.Runtime.InteropServices;

namespace DevTools.Engine.Isolation;

/// <summary>The few libc calls the engine needs that .NET does not expose.</summary>
internal static partial class Native
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysLink(string existing, string created);

    /// <summary>A hard link; false where the filesystem or the two folders' filesystems do not allow one.</summary>
    public static bool TryHardLink(string existing, string created) => SysLink(existing, created) == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint SysGeteuid();

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysMount(string source, string target, string fileSystemType, nuint flags, string data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysUmount2(string target, int flags);

    private const int MNT_DETACH = 2;
    private const nuint MS_NOSUID = 2;
    private const nuint MS_NODEV = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int SysClose(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int SysIoctl(int fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int SysIoctl(int fd, nuint request, byte[] argument);

    private const int O_RDWR = 2;
    private const int O_CLOEXEC = 0x80000;
    private const nuint LOOP_CTL_GET_FREE = 0x4C82;
    private const nuint LOOP_CONFIGURE = 0x4C0A;
    private const uint LO_FLAGS_AUTOCLEAR = 4;

    /// <summary>
    /// Attaches an image file to a free loop device and mounts its filesystem on <paramref name="target"/> (root only),
    /// with the loop device set to detach itself once the filesystem is unmounted everywhere (no loop device outlives
    /// its mount, whoever unmounts it). Returns null on success, else the errno text of the step that failed.
    /// </summary>
    public static string? MountImage(string image, string target, string fileSystemType, string options = "")
    {
        for (var attempt = 0; attempt < 8; attempt++) // another process may take the free device first
        {
            var control = SysOpen("/dev/loop-control", O_RDWR | O_CLOEXEC);
            if (control < 0) return Errno("open /dev/loop-control");
            var number = SysIoctl(control, LOOP_CTL_GET_FREE, 0);
            var error = number < 0 ? Errno("LOOP_CTL_GET_FREE") : null;
            SysClose(control);
            if (error is not null) return error;

            var device = $"/dev/loop{number}";
            var loop = SysOpen(device, O_RDWR | O_CLOEXEC);
            if (loop < 0) return Errno("open " + device);
            var file = SysOpen(image, O_RDWR | O_CLOEXEC);
            if (file < 0) { SysClose(loop); return Errno("open " + image); }
            try
            {
                // struct loop_config { u32 fd; u32 block_size; struct loop_info64 info (232 bytes, lo_flags at 52); u64 reserved[8]; }
                var config = new byte[304];
                BitConverter.TryWriteBytes(config.AsSpan(0), (uint)file);
                BitConverter.TryWriteBytes(config.AsSpan(8 + 52), LO_FLAGS_AUTOCLEAR);
                var name = System.Text.Encoding.UTF8.GetBytes(image);
                name.AsSpan(Math.Max(0, name.Length - 63)).CopyTo(config.AsSpan(8 + 56)); // lo_file_name, for losetup -l
                if (SysIoctl(loop, LOOP_CONFIGURE, config) != 0)
                {
                    if (Marshal.GetLastPInvokeError() == 16) continue; // EBUSY: taken meanwhile, try the next free one
                    return Errno("LOOP_CONFIGURE " + device);
                }
                // The mount holds the device from here; closing our descriptors lets autoclear detach it on unmount.
                return SysMount(device, target, fileSystemType, MS_NOSUID | MS_NODEV, options) == 0 ? null : Errno("mount " + device);
            }
            finally
            {
                SysClose(file);
                SysClose(loop);
            }
        }
        return "no free loop device";
    }

    private static string Errno(string what) => $"{what}: {new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError()).Message}";

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

    /// <summary>True while a process with this id exists (possibly a zombie).</summary>
    public static bool ProcessExists(int pid) => !OperatingSystem.IsWindows() && SysKill(pid, 0) == 0;
}
