using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// One environment's Runtime API endpoint: a loopback listener on its own port (the value of
/// AWS_LAMBDA_RUNTIME_API), serving the environment's <see cref="RuntimeSession"/>.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly RuntimeApiRouter _router;
    private readonly ConcurrentDictionary<RuntimeApiConnection, byte> _connections = new();
    private readonly Task _acceptLoop;

    public RuntimeApiServer(RuntimeSession session)
    {
        _router = new RuntimeApiRouter(session);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary><c>host:port</c>, as AWS_LAMBDA_RUNTIME_API carries it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Drops every connection (used when the runtime process is replaced).</summary>
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
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            var connection = new RuntimeApiConnection(socket);
            _connections.TryAdd(connection, 0);
            _ = RunConnectionAsync(connection);
        }
    }

    private async Task RunConnectionAsync(RuntimeApiConnection connection)
    {
        try { await connection.RunAsync(_router).ConfigureAwait(false); }
        finally { _connections.TryRemove(connection, out _); }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        DropConnections();
        try { await _acceptLoop.ConfigureAwait(false); } catch { }
    }
}
