using DevTools.Protocol;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// One connection's <c>lambda/events/subscribe</c>: a filter, and a queue that sends the matching events
/// as <c>lambda/event</c> notifications in order, so a slow client never slows the engine.
/// </summary>
internal sealed class EventSubscription : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly IDisposable _listener;
    private readonly OrderedQueue<EventNotification> _queue;
    private volatile string? _functionName;

    public EventSubscription(JsonRpc rpc, EventBroadcaster broadcaster, string? functionName)
    {
        _rpc = rpc;
        _functionName = functionName;
        _queue = new OrderedQueue<EventNotification>(SendAsync);
        _listener = broadcaster.AddListener((engineEvent, notification) =>
        {
            var filter = _functionName;
            if (filter is null || engineEvent.FunctionName == filter) _queue.Add(notification.Value);
        });
    }

    /// <summary>Replaces the filter (the function's name as events carry it; null for every function).</summary>
    public string? FunctionName
    {
        get => _functionName;
        set => _functionName = value;
    }

    /// <summary>Completes once everything queued before the call has been written to the connection.</summary>
    public Task FlushAsync() => _queue.FlushAsync();

    private async ValueTask<bool> SendAsync(EventNotification notification)
    {
        try
        {
            await _rpc.NotifyWithParameterObjectAsync(ProtocolMethods.Event, notification).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException)
        {
            return false; // the client is gone; the session ends the subscription
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _queue.DisposeAsync().ConfigureAwait(false);
    }
}
