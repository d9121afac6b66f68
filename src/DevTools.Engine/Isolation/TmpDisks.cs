using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DevTools.Engine.Isolation;

/// <summary>
/// Each environment's <c>/tmp</c> as Lambda has it: a disk of its own, not memory. An ext4 filesystem on a sparse image
/// file, loop-mounted, so what a function writes there is page cache the kernel reclaims (and writes back) under the
/// memory limit instead of pages pinned in the environment's memory, as a tmpfs would be; past the size it is
/// <c>ENOSPC</c>. Formatting costs tens of milliseconds, so each size is formatted once per engine, off the invoke
/// path when its functions are known ahead; a disk is a copy of that template's few written blocks (the rest stays a
/// hole), attached and mounted with system calls (about 2 ms), and one per size is kept mounted ahead of need, so
/// a cold start takes a ready one.
/// </summary>
internal sealed partial class TmpDisks(string workspaceRoot, string mkfsPath, Watchdog watchdog)
{
    private const int ReadyPerSize = 2;

    // The image's inode tables are holes, which read as zeros: ext4 need not write zeros over them in the background
    // (hundreds of environments doing so at once would load the disk for seconds).
    private const string MountOptions = "noinit_itable";
    private readonly ConcurrentDictionary<long, Lazy<string>> _templates = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<string>> _ready = new();
    private readonly ConcurrentDictionary<long, int> _refilling = new();
    private volatile bool _disposed;

    /// <summary>
    /// Formats the template for this size and mounts disks ahead of need, in the background once the engine has had a
    /// moment to start (a backend answers its first client first). A cold start before then makes what it needs.
    /// </summary>
    public void Prepare(long capBytes) =>
        _ = Task.Delay(StartUpGrace).ContinueWith(_ => Refill(capBytes), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A mounted disk of at least <paramref name="capBytes"/> for an environment: a ready one, else one made now. Returns
    /// its mount point (the disk's image beside it), or null with why it failed.
    /// </summary>
    public string? Take(long capBytes, out string? error)
    {
        error = null;
        if (!_ready.GetOrAdd(capBytes, _ => new()).TryDequeue(out var mountPoint))
            mountPoint = Make(capBytes, out error);
        Refill(capBytes);
        return mountPoint;
    }

    /// <summary>Unmounts a disk taken from here and deletes its image (its loop device detaches itself).</summary>
    public void Release(string mountPoint)
    {
        Native.Unmount(mountPoint);
        watchdog.Untrack("mount", mountPoint);
        try { Directory.Delete(Path.GetDirectoryName(mountPoint)!, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The disks still waiting to be taken go (the engine is stopping).</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var queue in _ready.Values)
            while (queue.TryDequeue(out var mountPoint)) Release(mountPoint);
    }

    private void Refill(long capBytes)
    {
        if (_disposed || !_refilling.TryAdd(capBytes, 0)) return;
        _ = Task.Run(() =>
        {
            try
            {
                var queue = _ready.GetOrAdd(capBytes, _ => new());
                while (!_disposed && queue.Count < ReadyPerSize && Make(capBytes, out _) is { } made)
                {
                    queue.Enqueue(made);
                    if (_disposed) Dispose();
                }
            }
            finally { _refilling.TryRemove(capBytes, out _); }
        });
    }

    /// <summary>A new disk, mounted in a folder of its own under the workspace; null with why when it cannot be.</summary>
    private string? Make(long capBytes, out string? error)
    {
        var folder = Path.Combine(workspaceRoot, "disks", Guid.NewGuid().ToString("N")[..16]);
        var mountPoint = Path.Combine(folder, "tmp");
        try
        {
            Directory.CreateDirectory(mountPoint);
            CopySparse(TemplateFor(capBytes), Path.Combine(folder, "tmp.img"));
            error = Native.MountImage(Path.Combine(folder, "tmp.img"), mountPoint, "ext4", MountOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error = e.Message;
        }
        if (error is null)
        {
            watchdog.Track("mount", mountPoint);
            return mountPoint;
        }
        try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>
    /// The image holds a little more than the cap: ext4 keeps about 2 % (at most 16 MiB) back for itself and its
    /// metadata takes a few MiB, and a function must be able to write the whole of its <c>EphemeralStorage</c>.
    /// </summary>
    public static long ImageBytes(long capBytes) => capBytes + capBytes / 40 + 4 * 1024 * 1024;

    private string TemplateFor(long capBytes) => _templates.GetOrAdd(capBytes, cap => new Lazy<string>(() => Format(cap))).Value;

    private string Format(long capBytes)
    {
        var template = Path.Combine(workspaceRoot, $"tmp-template-{capBytes / (1024 * 1024)}mb.img");
        using (var file = new FileStream(template, FileMode.Create, FileAccess.Write)) file.SetLength(ImageBytes(capBytes));
        // No journal (nothing survives the environment anyway), few inodes (less metadata), no root reserve, and the
        // inode tables zeroed lazily: a 512 MB image has about 128 KB written.
        Run(mkfsPath, "-q", "-F", "-O", "^has_journal,^resize_inode", "-m", "0", "-N", "8192", "-E", "nodiscard,lazy_itable_init=1", template);
        // Lambda's /tmp starts empty and writable by all: make the template's root so, once.
        var mountPoint = template + ".root";
        Directory.CreateDirectory(mountPoint);
        if (Native.MountImage(template, mountPoint, "ext4", MountOptions) is { } error) throw new InvalidOperationException("cannot mount a new /tmp filesystem: " + error);
        try
        {
            Directory.Delete(Path.Combine(mountPoint, "lost+found"));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(mountPoint, (UnixFileMode)0b1_111_111_111); // 1777
        }
        finally
        {
            Native.Unmount(mountPoint);
            Directory.Delete(mountPoint);
        }
        return template;
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {errors.Trim()}");
    }

    /// <summary>Copies only the template's data (its holes stay holes): a few hundred kilobytes whatever the size.</summary>
    private static void CopySparse(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var length = input.Length;
        output.SetLength(length);
        var fd = (int)input.SafeFileHandle.DangerousGetHandle();
        var buffer = new byte[256 * 1024];
        long offset = 0;
        while (offset < length)
        {
            var data = Lseek(fd, offset, SEEK_DATA);
            if (data < 0) break; // no data past here (ENXIO)
            var hole = Lseek(fd, data, SEEK_HOLE);
            if (hole < 0) hole = length;
            for (var at = data; at < hole;)
            {
                var read = RandomAccess.Read(input.SafeFileHandle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, hole - at)), at);
                if (read <= 0) break;
                RandomAccess.Write(output.SafeFileHandle, buffer.AsSpan(0, read), at);
                at += read;
            }
            offset = hole;
        }
    }

    private const int SEEK_DATA = 3;
    private const int SEEK_HOLE = 4;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Lseek(int fd, long offset, int whence);
}
