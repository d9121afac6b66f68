using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DevTools.Engine.Http;

/// <summary>
/// A TCP listener that only ever binds a loopback address, and serves each accepted connection with
/// <paramref name="serve"/> until it ends. Tracks its connections so they can be dropped together.
/// </summary>
/// <param name="createSocket">Makes the listening socket (an environment's makes it in the environment's network); a plain one when null.</param>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<HttpConnection, Task> _serve;
    private readonly int _maxHeaderBytes;
    private readonly ConcurrentDictionary<HttpConnection, byte> _connections = new();
    private readonly Task _acceptLoop;

    /// <exception cref="ArgumentException">The address is not a loopback address.</exception>
    /// <exception cref="IOException">The address cannot be bound (e.g. the port is in use).</exception>
    public LoopbackListener(IPAddress address, int port, int maxHeaderBytes, Func<HttpConnection, Task> serve, int backlog = 512, Func<Socket>? createSocket = null)
    {
        if (!IPAddress.IsLoopback(address)) throw new ArgumentException($"Refusing to listen on {address}: only loopback addresses are served.", nameof(address));
        _serve = serve;
        _maxHeaderBytes = maxHeaderBytes;
        _listener = createSocket?.Invoke() ?? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(address, port));
            _listener.Listen(backlog);
        }
        catch (SocketException e)
        {
            _listener.Dispose();
            throw new IOException($"Cannot listen on {new IPEndPoint(address, port)}: {e.Message}", e);
        }
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Closes every open connection (their loops end); the listener keeps accepting.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Keys) connection.Abort();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try { socket = await _listener.AcceptAsync().ConfigureAwait(false); }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset) { continue; }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            var connection = new HttpConnection(socket, _maxHeaderBytes);
            _connections.TryAdd(connection, 0);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(HttpConnection connection)
    {
        try { await _serve(connection).ConfigureAwait(false); }
        catch (Exception) { /* one broken connection never takes the listener down */ }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        DropConnections();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
