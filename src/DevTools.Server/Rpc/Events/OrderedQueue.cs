using System.Threading.Channels;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// An unbounded queue handled one item at a time, in order, on its own task, with flush markers:
/// <see cref="FlushAsync"/> completes once everything queued before it has been handled.
/// Producers never wait, so the engine's thread is never held up by a slow client.
/// </summary>
internal sealed class OrderedQueue<T> : IAsyncDisposable where T : class
{
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<T, ValueTask<bool>> _handle;
    private readonly Task _pump;

    /// <param name="handle">Handles one item; returns false to stop the queue (e.g. the client is gone).</param>
    public OrderedQueue(Func<T, ValueTask<bool>> handle)
    {
        _handle = handle;
        _pump = Task.Run(PumpAsync);
    }

    public void Add(T item) => _channel.Writer.TryWrite(item);

    public Task FlushAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _channel.Writer.TryWrite(marker) ? marker.Task : Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item is TaskCompletionSource marker) marker.TrySetResult();
            else if (!await _handle((T)item).ConfigureAwait(false)) break;
        }
        // Stopped early: nothing more is handled, and nobody may wait for a flush that would never come.
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var rest)) (rest as TaskCompletionSource)?.TrySetResult();
    }

    /// <summary>Handles what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
