using DevTools.Engine.Events;
using DevTools.Protocol;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// The backend's one listener on the engine's event stream. The engine's thread only queues the event;
/// the queue converts it to a notification once (only when someone listens) and hands it to every listener
/// in publication order. Listeners must not block: each connection queues what it sends.
/// </summary>
internal sealed class EventBroadcaster : IAsyncDisposable
{
    private readonly IDisposable _subscription;
    private readonly OrderedQueue<LifecycleEvent> _queue;
    private readonly object _gate = new();
    private EventListener[] _listeners = [];

    public EventBroadcaster(LifecycleEventHub hub)
    {
        _queue = new OrderedQueue<LifecycleEvent>(Deliver);
        _subscription = hub.Subscribe(_queue.Add);
    }

    public delegate void EventListener(LifecycleEvent engineEvent, Lazy<EventNotification> notification);

    public IDisposable AddListener(EventListener listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
        return new Removal(() => { lock (_gate) _listeners = _listeners.Where(l => l != listener).ToArray(); });
    }

    /// <summary>Completes once every event published before the call has been handed to the listeners.</summary>
    public Task FlushAsync() => _queue.FlushAsync();

    private ValueTask<bool> Deliver(LifecycleEvent engineEvent)
    {
        var notification = new Lazy<EventNotification>(() => EventNotifications.Create(engineEvent));
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try { listener(engineEvent, notification); }
            catch (Exception e) when (e is not OutOfMemoryException) { /* one broken listener must not starve the others */ }
        }
        return ValueTask.FromResult(true);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _queue.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) remove();
        }
    }
}
