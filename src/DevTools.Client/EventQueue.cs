using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace DevTools.Client;

/// <summary>A small unbounded async queue (System.Threading.Channels is not part of netstandard2.0).</summary>
internal sealed class EventQueue<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly SemaphoreSlim _available = new(0);
    private volatile bool _completed;

    public void Add(T item)
    {
        _items.Enqueue(item);
        _available.Release();
    }

    public void Complete()
    {
        _completed = true;
        _available.Release();
    }

    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_items.TryDequeue(out var item)) yield return item;
            else if (_completed) yield break;
        }
    }
}
