using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.IO.Pipes;

namespace DevTools.Protocol.Transport;

/// <summary>
/// Where the backend of one workspace listens. Every client derives the same place from the
/// workspace's full path alone: a Unix domain socket named after a hash of the path, in a directory
/// only the user can enter, or a per-user named pipe on Windows.
/// </summary>
public sealed class WorkspaceEndpoint
{
    private const string DirectoryName = "lambda-devtools";

    private WorkspaceEndpoint(string workspace, string key, string runtimeDirectory)
    {
        Workspace = workspace;
        Key = key;
        RuntimeDirectory = runtimeDirectory;
    }

    /// <summary>The workspace folder's full path, without a trailing separator.</summary>
    public string Workspace { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of the workspace's full path (UTF-8).</summary>
    public string Key { get; }

    /// <summary>The per-user directory (mode 0700): <c>$XDG_RUNTIME_DIR/lambda-devtools</c> or <c>/tmp/lambda-devtools-UID</c>.</summary>
    public string RuntimeDirectory { get; }

    public string SocketPath => Path.Combine(RuntimeDirectory, Key + ".sock");

    /// <summary>Held locked by the running backend; holds its process id.</summary>
    public string LockPath => Path.Combine(RuntimeDirectory, Key + ".lock");

    /// <summary>Where a detached backend writes what it would print.</summary>
    public string LogPath => Path.Combine(RuntimeDirectory, Key + ".log");

    /// <summary>The named pipe on Windows, per user and workspace.</summary>
    public string PipeName => $"{DirectoryName}-{Environment.UserName}-{Key}";

    public static bool UsesNamedPipe => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>What a log line or error message calls this endpoint.</summary>
    public string Address => UsesNamedPipe ? @"\\.\pipe\" + PipeName : "unix:" + SocketPath;

    public static WorkspaceEndpoint For(string workspaceDirectory, string? runtimeDirectory = null)
    {
        var workspace = NormalizeWorkspace(workspaceDirectory);
        return new WorkspaceEndpoint(workspace, KeyFor(workspace), runtimeDirectory ?? DefaultRuntimeDirectory());
    }

    /// <summary>The full path without a trailing separator (case-folded on Windows, where paths ignore case).</summary>
    public static string NormalizeWorkspace(string workspaceDirectory)
    {
        var full = Path.GetFullPath(workspaceDirectory);
        var root = Path.GetPathRoot(full) ?? "";
        if (full.Length > root.Length) full = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return UsesNamedPipe ? full.ToUpperInvariant() : full;
    }

    public static string KeyFor(string normalizedWorkspace)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(normalizedWorkspace));
        var key = new StringBuilder(16);
        for (var i = 0; i < 8; i++) key.Append(hash[i].ToString("x2"));
        return key.ToString();
    }

    public static string DefaultRuntimeDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, DirectoryName);
        var user = UsesNamedPipe ? Environment.UserName : Native.EffectiveUserId().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(Path.GetTempPath(), $"{DirectoryName}-{user}");
    }

    /// <summary>Connects to the backend, or returns null when nothing answers (no socket, a stale socket, no pipe).</summary>
    public async Task<Stream?> TryConnectAsync(CancellationToken cancellationToken = default)
    {
        if (UsesNamedPipe)
        {
            var pipe = new NamedPipeClientStream(".", PipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
            try
            {
                await pipe.ConnectAsync(200, cancellationToken).ConfigureAwait(false);
                return pipe;
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                pipe.Dispose();
                return null;
            }
        }

        if (!File.Exists(SocketPath)) return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await ConnectAsync(socket, UnixEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            // ECONNREFUSED: the file is left over from a backend that died; ENOENT: it went away meanwhile.
            socket.Dispose();
            return null;
        }
    }

    /// <summary>A Unix domain socket address (the type is public only from .NET Core 2.1, so it is found at run time on netstandard2.0).</summary>
    public static System.Net.EndPoint UnixEndPoint(string path)
    {
#if NET
        return new UnixDomainSocketEndPoint(path);
#else
        var type = Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets", throwOnError: false)
            ?? throw new PlatformNotSupportedException("Unix domain sockets need .NET Core 2.1 or later.");
        return (System.Net.EndPoint)Activator.CreateInstance(type, path)!;
#endif
    }

    private static Task ConnectAsync(Socket socket, System.Net.EndPoint endPoint, CancellationToken cancellationToken)
    {
#if NET
        return socket.ConnectAsync(endPoint, cancellationToken).AsTask();
#else
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, endPoint, null);
#endif
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();

        public static uint EffectiveUserId() => GetEffectiveUserId();
    }
}
