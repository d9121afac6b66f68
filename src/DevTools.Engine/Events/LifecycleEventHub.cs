namespace DevTools.Engine.Events;

/// <summary>
/// The engine's one event stream. Publishing is synchronous and lock-free (subscribers are a
/// copy-on-write array), so a subscriber must not block: front ends queue what they render.
/// </summary>
public sealed class LifecycleEventHub
{
    private Action<LifecycleEvent>[] _subscribers = [];

    public bool HasSubscribers => Volatile.Read(ref _subscribers).Length > 0;

    public IDisposable Subscribe(Action<LifecycleEvent> subscriber)
    {
        Action<LifecycleEvent>[] current, updated;
        do
        {
            current = Volatile.Read(ref _subscribers);
            updated = [.. current, subscriber];
        } while (Interlocked.CompareExchange(ref _subscribers, updated, current) != current);
        return new Subscription(this, subscriber);
    }

    public void Publish(LifecycleEvent e)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try { subscriber(e); }
            catch { /* a broken front end must never take the engine down */ }
        }
    }

    private void Unsubscribe(Action<LifecycleEvent> subscriber)
    {
        Action<LifecycleEvent>[] current, updated;
        do
        {
            current = Volatile.Read(ref _subscribers);
            updated = current.Where(s => s != subscriber).ToArray();
        } while (Interlocked.CompareExchange(ref _subscribers, updated, current) != current);
    }

    private sealed class Subscription(LifecycleEventHub hub, Action<LifecycleEvent> subscriber) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Unsubscribe(subscriber);
        }
    }
}
