using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>
/// The lock/pid file next to the socket: locked (an advisory record lock on Unix) for the backend's
/// life, so two backends racing for one workspace cannot both serve it, and holding the owner's process id.
/// The kernel drops the lock when the process dies, which is how a crashed backend's files are known stale.
/// </summary>
internal sealed class EndpointLock : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;

    private EndpointLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>Takes the lock, or returns null when a running backend holds it (its pid in <paramref name="ownerPid"/>).</summary>
    public static EndpointLock? TryAcquire(WorkspaceEndpoint endpoint, out int? ownerPid)
    {
        ownerPid = null;
        try
        {
            // Shared open plus a record lock (fcntl on Unix): the lock excludes a second backend, yet anyone can read the pid.
            // (macOS has no FileStream.Lock: an exclusive open is the lock there, and the pid is unreadable while held.)
            var share = OperatingSystem.IsMacOS() ? FileShare.None : FileShare.ReadWrite | FileShare.Delete;
            var file = new FileStream(endpoint.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
            if (!OperatingSystem.IsMacOS())
            {
                try { file.Lock(0, 1); }
                catch (IOException)
                {
                    file.Dispose();
                    throw;
                }
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(endpoint.LockPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true)) writer.Write($"{Environment.ProcessId}\n{endpoint.Workspace}\n");
            file.Flush();
            return new EndpointLock(file, endpoint.LockPath);
        }
        catch (IOException)
        {
            ownerPid = ReadOwner(endpoint.LockPath);
            return null;
        }
    }

    private static int? ReadOwner(string path)
    {
        try
        {
            using var shared = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(shared);
            return int.TryParse(reader.ReadLine(), out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    public void Dispose()
    {
        // Delete while still holding the lock, so no newcomer's lock file is removed.
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _file.Dispose();
    }
}
