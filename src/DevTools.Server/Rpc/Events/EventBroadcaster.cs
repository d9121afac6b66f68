using System.Threading.Channels;
using DevTools.Engine.Events;
using DevTools.Protocol;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// The backend's one listener on the engine's event stream. The engine's thread only queues the event;
/// a pump converts it to a notification once (only when someone listens) and hands it to every listener
/// in publication order. Listeners must not block: each connection queues what it sends.
/// </summary>
internal sealed class EventBroadcaster : IAsyncDisposable
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _subscription;
    private readonly Task _pump;
    private EventListener[] _listeners = [];

    public EventBroadcaster(LifecycleEventHub hub)
    {
        _subscription = hub.Subscribe(e => _queue.Writer.TryWrite(e));
        _pump = Task.Run(PumpAsync);
    }

    public delegate void EventListener(LifecycleEvent engineEvent, Lazy<LifecycleEventNotification> notification);

    public IDisposable AddListener(EventListener listener)
    {
        lock (_queue) _listeners = [.. _listeners, listener];
        return new Removal(() => { lock (_queue) _listeners = _listeners.Where(l => l != listener).ToArray(); });
    }

    /// <summary>Completes once every event published before the call has been handed to the listeners.</summary>
    public Task FlushAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(marker) ? marker.Task : Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item is TaskCompletionSource marker)
            {
                marker.TrySetResult();
                continue;
            }
            var engineEvent = (LifecycleEvent)item;
            var notification = new Lazy<LifecycleEventNotification>(() => EventNotifications.Create(engineEvent));
            foreach (var listener in Volatile.Read(ref _listeners))
            {
                try { listener(engineEvent, notification); }
                catch (Exception e) when (e is not OutOfMemoryException) { /* one broken listener must not starve the others */ }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
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
