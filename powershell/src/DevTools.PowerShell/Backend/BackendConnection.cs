using System.Collections.Concurrent;
using DevTools.Client;
using DevTools.Protocol;

namespace DevTools.PowerShell.Backend;

/// <summary>
/// One session-wide connection to a workspace's backend, shared by every cmdlet call (so a warm invoke
/// costs one round trip, not a connect). It subscribes to every function's lifecycle events once and
/// hands each event to the commands waiting for events; each picks the ones it shows.
/// </summary>
internal sealed class BackendConnection : IDisposable
{
    private readonly object _gate = new();
    private readonly Task _subscribed;
    private EventSink[] _sinks = [];
    private FunctionListResult? _functions;

    public BackendConnection(DevToolsClient client, EngineInfo info, string templatePath)
    {
        Client = client;
        Info = info;
        TemplatePath = templatePath;
        client.EventReceived += OnEvent;
        _subscribed = client.SubscribeAsync();
    }

    public DevToolsClient Client { get; }
    public EngineInfo Info { get; }
    public string TemplatePath { get; }

    /// <summary>False once the backend went away (stopped, idle exit, crash): the next call reconnects.</summary>
    public bool IsAlive => !Client.Completion.IsCompleted && !Client.Rpc.IsDisposed;

    /// <summary>The backend freezes idle environments (so an <c>environment.frozen</c> event follows an invoke).</summary>
    public bool Freezes => Info.FreezesEnvironments;

    /// <summary>Every event from now on, until the sink is disposed.</summary>
    public EventSink OpenSink()
    {
        _subscribed.GetAwaiter().GetResult();
        var sink = new EventSink(this);
        lock (_gate) _sinks = [.. _sinks, sink];
        return sink;
    }

    private void CloseSink(EventSink sink)
    {
        lock (_gate) _sinks = _sinks.Where(s => s != sink).ToArray();
    }

    private void OnEvent(object? sender, LifecycleEventNotification e)
    {
        foreach (var sink in Volatile.Read(ref _sinks)) sink.Add(e);
    }

    /// <summary>The template's functions (cached; <paramref name="refresh"/> asks again).</summary>
    public FunctionListResult Functions(bool refresh, CancellationToken cancellationToken)
    {
        var cached = _functions;
        if (cached is not null && !refresh) return cached;
        return _functions = Client.ListFunctionsAsync(cancellationToken).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Client.EventReceived -= OnEvent;
        Client.Dispose();
    }

    /// <summary>A queue of one caller's events, filled on the connection's thread and drained on the pipeline thread.</summary>
    internal sealed class EventSink(BackendConnection connection) : IDisposable
    {
        private readonly BlockingCollection<LifecycleEventNotification> _events = new();

        /// <summary>Not an event: added by <see cref="Wake"/> so a waiting reader looks at its other conditions at once.</summary>
        public static readonly LifecycleEventNotification WakeUp = new() { Type = "" };

        public void Wake() => Add(WakeUp);

        public void Add(LifecycleEventNotification e)
        {
            try { _events.Add(e); }
            catch (InvalidOperationException) { /* closed */ }
        }

        public bool TryTake(out LifecycleEventNotification e) => _events.TryTake(out e!);

        public bool TryTake(out LifecycleEventNotification e, int milliseconds, CancellationToken cancellationToken) =>
            _events.TryTake(out e!, milliseconds, cancellationToken);

        public void Dispose()
        {
            connection.CloseSink(this);
            _events.CompleteAdding();
        }
    }
}
