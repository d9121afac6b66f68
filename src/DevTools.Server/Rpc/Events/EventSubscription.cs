using System.Threading.Channels;
using DevTools.Protocol;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// One connection's <c>lambda/events/subscribe</c>: a filter, a queue, and a pump that sends the
/// queued events as <c>lambda/event</c> notifications in order, so a slow client never slows the engine.
/// </summary>
internal sealed class EventSubscription : IAsyncDisposable
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly JsonRpc _rpc;
    private readonly IDisposable _listener;
    private readonly Task _pump;
    private volatile string? _functionName;

    public EventSubscription(JsonRpc rpc, EventBroadcaster broadcaster, string? functionName)
    {
        _rpc = rpc;
        _functionName = functionName;
        _listener = broadcaster.AddListener((engineEvent, notification) =>
        {
            var filter = _functionName;
            if (filter is null || engineEvent.FunctionName == filter) _queue.Writer.TryWrite(notification.Value);
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Replaces the filter (the function's name as events carry it; null for every function).</summary>
    public string? FunctionName
    {
        get => _functionName;
        set => _functionName = value;
    }

    /// <summary>Completes once everything queued before the call has been written to the connection.</summary>
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
            try
            {
                await _rpc.NotifyWithParameterObjectAsync(ProtocolMethods.Event, item).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException)
            {
                break; // the client is gone; the session ends the subscription
            }
        }
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var rest))
            (rest as TaskCompletionSource)?.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
