using System.Threading.Channels;
using DevTools.Engine.Events;

namespace DevTools.Cli.Rendering;

/// <summary>
/// Writes lifecycle events to a text writer (stderr) as Lambda's log lines, or as JSON lines with
/// <c>--output json</c>. Writing happens on a background task so the engine never waits on the console.
/// </summary>
internal sealed class LifecycleWriter : IAsyncDisposable
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _output;
    private readonly bool _json;
    private readonly Task _pump;
    private readonly IDisposable _subscription;

    public LifecycleWriter(LifecycleEventHub events, TextWriter output, bool json, Func<LifecycleEvent, bool>? filter = null)
    {
        _output = output;
        _json = json;
        _subscription = events.Subscribe(e => { if (filter?.Invoke(e) ?? true) _queue.Writer.TryWrite(e); });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Completes once everything raised so far has been written (so results print after their records).</summary>
    public Task FlushAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(marker) ? marker.Task : Task.CompletedTask;
    }

    // Records are written in batches: after the first one arrives, the pump lets the others of the moment gather
    // for a few milliseconds, then writes them all and flushes once. A busy engine so costs the console (and the
    // thread pool) a wake-up per batch, not one per record. Writes are synchronous: the pump already runs off the
    // engine's threads, and a console stream's asynchronous writes would each hop to another pool thread.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(10);

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(BatchWindow).ConfigureAwait(false);
            while (reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource marker)
                {
                    _output.Flush();
                    marker.TrySetResult();
                    continue;
                }
                var e = (LifecycleEvent)item;
                var line = _json ? LifecycleEventJson.ToJson(e) : LambdaTextFormatter.Format(e);
                if (line is not null) _output.WriteLine(line);
            }
            _output.Flush();
        }
    }

    /// <summary>Stops listening and writes whatever is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }
}
