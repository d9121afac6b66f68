using DevTools.Server.Lsp.CodeLens;
using DevTools.Server.Lsp.Commands;
using DevTools.Server.Lsp.Documents;
using DevTools.Server.Lsp.Lifecycle;
using DevTools.Server.Rpc;
using DevTools.Server.Rpc.Apis;
using DevTools.Server.Rpc.Build;
using DevTools.Server.Rpc.Engine;
using DevTools.Server.Rpc.Environments;
using DevTools.Server.Rpc.Events;
using DevTools.Server.Rpc.Functions;
using DevTools.Server.Rpc.Invocation;
using DevTools.Server.Rpc.SampleEvents;
using StreamJsonRpc;

namespace DevTools.Server.Hosting;

/// <summary>
/// One client connection: its JSON-RPC endpoint with every feature's handler attached, its event
/// subscription and its editor state (open documents, LSP capabilities). The engine is shared.
/// </summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly BackendContext _context;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventSubscription? _subscription;
    private CodeLensRefresher? _codeLensRefresher;

    public ClientSession(BackendContext context, IJsonRpcMessageHandler handler, string name)
    {
        _context = context;
        Name = name;
        Rpc = new BackendJsonRpc(handler, message => context.Log.Write($"[{name}] {message}"));
        AddHandlers(Rpc, context, this);
        Completion = Task.WhenAny(Rpc.Completion, _closed.Task);
    }

    /// <summary>One handler per protocol method. Handlers only keep what they are given when built.</summary>
    private static void AddHandlers(JsonRpc rpc, BackendContext context, ClientSession session)
    {
        rpc.AddHandler(new EngineInfoHandler(context));
        rpc.AddHandler(new ShutdownHandler(context));
        rpc.AddHandler(new ListFunctionsHandler(context));
        rpc.AddHandler(new ReloadFunctionsHandler(context));
        rpc.AddHandler(new InvokeHandler(context, session));
        rpc.AddHandler(new ListApiRoutesHandler(context));
        rpc.AddHandler(new ListEnvironmentsHandler(context));
        rpc.AddHandler(new StopEnvironmentsHandler(context));
        rpc.AddHandler(new BuildHandler(context, session));
        rpc.AddHandler(new SubscribeHandler(context, session));
        rpc.AddHandler(new UnsubscribeHandler(session));
        rpc.AddHandler(new ListSampleEventsHandler(context));
        rpc.AddHandler(new GenerateSampleEventHandler(context));
        rpc.AddHandler(new InitializeHandler(context, session));
        rpc.AddHandler(new InitializedHandler());
        rpc.AddHandler(new LspShutdownHandler());
        rpc.AddHandler(new ExitHandler(session));
        rpc.AddHandler(new DidOpenHandler(context, session));
        rpc.AddHandler(new DidChangeHandler(context, session));
        rpc.AddHandler(new DidCloseHandler(context, session));
        rpc.AddHandler(new CodeLensHandler(context, session));
        rpc.AddHandler(new ExecuteCommandHandler(context, session));
    }

    public string Name { get; }
    public JsonRpc Rpc { get; }
    public DocumentStore Documents { get; } = new();

    /// <summary>Completes when the connection closes (the client left, <c>exit</c>, or the backend stopped).</summary>
    public Task Completion { get; }

    public void Start() => Rpc.StartListening();

    public void Subscribe(string? functionName)
    {
        lock (_gate)
        {
            if (_subscription is not null) _subscription.FunctionName = functionName;
            else _subscription = new EventSubscription(Rpc, _context.Events, functionName);
        }
    }

    public async Task UnsubscribeAsync()
    {
        EventSubscription? subscription;
        lock (_gate) (subscription, _subscription) = (_subscription, null);
        if (subscription is not null) await subscription.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends every event published so far (that this client subscribed to) before returning.</summary>
    public async Task FlushEventsAsync()
    {
        EventSubscription? subscription;
        lock (_gate) subscription = _subscription;
        if (subscription is null) return;
        await _context.Events.FlushAsync().ConfigureAwait(false);
        await subscription.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The editor can re-request CodeLenses: ask it to whenever environments come and go.</summary>
    public void EnableCodeLensRefresh()
    {
        lock (_gate) _codeLensRefresher ??= new CodeLensRefresher(Rpc, _context.Events);
    }

    /// <summary>
    /// Closes the connection (LSP's <c>exit</c>); the backend and the other clients carry on. The session counts as
    /// closed at once: JSON-RPC's read loop may stay blocked on a stdin read that nothing can interrupt.
    /// </summary>
    public void Close()
    {
        _closed.TrySetResult();
        _ = Task.Run(Rpc.Dispose);
    }

    public async ValueTask DisposeAsync()
    {
        await UnsubscribeAsync().ConfigureAwait(false);
        CodeLensRefresher? refresher;
        lock (_gate) (refresher, _codeLensRefresher) = (_codeLensRefresher, null);
        refresher?.Dispose();
        Close();
    }
}
