using System.Net.Sockets;
using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>The workspace's Unix domain socket (mode 0600, in the 0700 per-user directory).</summary>
internal sealed class UnixSocketListener : IConnectionListener
{
    private readonly Socket _socket;
    private readonly string _path;

    private UnixSocketListener(Socket socket, string path)
    {
        _socket = socket;
        _path = path;
    }

    public string Address => "unix:" + _path;

    /// <summary>Binds the socket. The caller holds the endpoint lock, so a file already there is a dead backend's.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static UnixSocketListener Bind(WorkspaceEndpoint endpoint)
    {
        var path = endpoint.SocketPath;
        if (File.Exists(path)) File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(WorkspaceEndpoint.UnixEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(16);
            return new UnixSocketListener(socket, path);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task AcceptAsync(Func<Stream, Task> serve, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try { client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            _ = serve(new NetworkStream(client, ownsSocket: true));
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
