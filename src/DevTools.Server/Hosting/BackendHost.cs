using System.Collections.Concurrent;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Protocol.Transport;
using DevTools.Server.ApiGateway;
using DevTools.Server.InvokeApi;
using DevTools.Server.Rpc.Events;
using StreamJsonRpc;

namespace DevTools.Server.Hosting;

/// <summary>A backend of this workspace already runs (it holds the lock file).</summary>
public sealed class BackendAlreadyRunningException(string workspace, int? pid)
    : Exception($"A backend already serves {workspace}{(pid is null ? "" : $" (pid {pid})")}.")
{
    public int? Pid { get; } = pid;
}

/// <summary>
/// The backend of one workspace: one engine, served to every connected client at once over JSON-RPC
/// (the workspace socket or named pipe, and stdio), plus the Invoke HTTP API when asked. Transport-free
/// features live in Rpc/ and Lsp/; this class only hosts them.
/// </summary>
public sealed class BackendHost : IAsyncDisposable, IBackendControl
{
    private readonly ConcurrentDictionary<ClientSession, byte> _sessions = new();
    private readonly TaskCompletionSource<string> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly BackendContext _context;
    private readonly EventBroadcaster _events;
    private readonly EndpointLock? _lock;
    private readonly IConnectionListener? _listener;
    private readonly InvokeApiServer? _invokeApi;
    private readonly ApiGatewayServer? _apiGateway;
    private readonly IdleMonitor _idle;
    private readonly Task _accepting;
    private int _clientNumber;
    private int _disposed;

    private BackendHost(BackendOptions options, BackendLog log, LambdaEngine engine, EndpointLock? endpointLock, IConnectionListener? listener,
        InvokeApiServer? invokeApi, ApiGatewayServer? apiGateway)
    {
        Engine = engine;
        _lock = endpointLock;
        _listener = listener;
        _invokeApi = invokeApi;
        _apiGateway = apiGateway;
        _events = new EventBroadcaster(engine.Events);
        _context = new BackendContext(engine, options, _events, log, this);
        _idle = new IdleMonitor(engine, this, options.IdleGrace);
        _accepting = listener?.AcceptAsync(stream => ServeAsync(ProtocolJson.CreateMessageHandler(stream), $"client {Interlocked.Increment(ref _clientNumber)}"), _stopAccepting.Token)
            ?? Task.CompletedTask;
    }

    public LambdaEngine Engine { get; }
    public int ClientCount => _sessions.Count;
    public string? ListenAddress => _listener?.Address;
    public string? InvokeApiAddress => _invokeApi?.Address.ToString().TrimEnd('/');
    public ApiGatewayServer? ApiGateway => _apiGateway;

    /// <summary>Completes with the reason once the backend should stop (<c>lambda/shutdown</c>, idle, or the host's owner).</summary>
    public Task<string> ShutdownRequested => _shutdown.Task;

    /// <summary>
    /// Starts the engine and, when <paramref name="listen"/>, takes the workspace's lock and listens on its socket
    /// (a stale socket left by a dead backend is replaced). Throws <see cref="BackendAlreadyRunningException"/> when
    /// another backend serves the workspace.
    /// </summary>
    public static async Task<BackendHost> StartAsync(BackendOptions options, BackendLog log, bool listen = true, CancellationToken cancellationToken = default)
    {
        RpcWarmUp.Start();
        var endpoint = WorkspaceEndpoint.For(options.Workspace, options.RuntimeDirectory);
        EndpointLock? endpointLock = null;
        if (listen)
        {
            RuntimeDirectory.Ensure(endpoint.RuntimeDirectory);
            endpointLock = EndpointLock.TryAcquire(endpoint, out var owner) ?? throw new BackendAlreadyRunningException(endpoint.Workspace, owner);
        }

        LambdaEngine? engine = null;
        IConnectionListener? listener = null;
        InvokeApiServer? invokeApi = null;
        ApiGatewayServer? apiGateway = null;
        try
        {
            var templatePath = Path.GetFullPath(options.TemplatePath);
            var catalog = TemplateLoader.Load(templatePath, options.TemplateOptions);
            foreach (var diagnostic in catalog.Diagnostics) log.Write(diagnostic.ToString());
            engine = new LambdaEngine(catalog, options.EngineOptions, () => TemplateLoader.Load(templatePath, options.TemplateOptions));
            if (options.InvokeApiPort is { } port)
                invokeApi = await InvokeApiServer.StartAsync(engine, "127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            if (options.ApiPort is { } apiPort)
                apiGateway = ApiGatewayServer.Start(engine, "127.0.0.1", apiPort);
            if (listen)
                listener = OperatingSystem.IsWindows() ? new NamedPipeListener(endpoint) : UnixSocketListener.Bind(endpoint);
            var host = new BackendHost(options, log, engine, endpointLock, listener, invokeApi, apiGateway);
            log.Write($"Serving {catalog.Functions.Count} function(s) of {templatePath} (pid {Environment.ProcessId})");
            if (listener is not null) log.Write($"Listening on {listener.Address}");
            if (invokeApi is not null) log.Write($"Invoke API on {host.InvokeApiAddress}");
            if (apiGateway is not null)
                foreach (var route in apiGateway.Served) log.Write($"{route.Method} {route.Url} → {route.FunctionId}");
            return host;
        }
        catch
        {
            if (listener is not null) await listener.DisposeAsync().ConfigureAwait(false);
            if (invokeApi is not null) await invokeApi.DisposeAsync().ConfigureAwait(false);
            if (apiGateway is not null) await apiGateway.DisposeAsync().ConfigureAwait(false);
            if (engine is not null) await engine.DisposeAsync().ConfigureAwait(false);
            endpointLock?.Dispose();
            throw;
        }
    }

    /// <summary>Serves one client until its connection closes.</summary>
    public async Task ServeAsync(IJsonRpcMessageHandler handler, string name)
    {
        var session = new ClientSession(_context, handler, name);
        _sessions.TryAdd(session, 0);
        _context.Log.Write($"[{name}] connected ({ClientCount} client(s))");
        try
        {
            session.Start();
            await session.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            await session.DisposeAsync().ConfigureAwait(false);
            _context.Log.Write($"[{name}] disconnected ({ClientCount} client(s))");
        }
    }

    public void RequestShutdown(string reason) => _shutdown.TrySetResult(reason);

    /// <summary>Stops accepting, retires every environment (clients still see those events), then disconnects everyone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _idle.Dispose();
        _stopAccepting.Cancel();
        if (_listener is not null) await _listener.DisposeAsync().ConfigureAwait(false);
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_invokeApi is not null) await _invokeApi.DisposeAsync().ConfigureAwait(false);
        if (_apiGateway is not null) await _apiGateway.DisposeAsync().ConfigureAwait(false);
        await Engine.DisposeAsync().ConfigureAwait(false);
        await _events.FlushAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Keys)
        {
            await session.FlushEventsAsync().ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
        }
        await _events.DisposeAsync().ConfigureAwait(false);
        _lock?.Dispose();
    }
}
