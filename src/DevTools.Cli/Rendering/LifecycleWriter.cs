using System.Threading.Channels;
using DevTools.Engine.Events;

namespace DevTools.Cli.Rendering;

/// <summary>
/// Writes lifecycle events to a text writer (stderr) as Lambda's log lines, or as JSON lines with
/// <c>--output json</c>. Writing happens on a background task so the engine never waits on the console.
/// </summary>
internal sealed class LifecycleWriter : IAsyncDisposable
{
    private readonly Channel<LifecycleEvent> _queue = Channel.CreateUnbounded<LifecycleEvent>(new UnboundedChannelOptions { SingleReader = true });
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

    private async Task PumpAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var line = _json ? LifecycleEventJson.ToJson(e) : LambdaTextFormatter.Format(e);
            if (line is not null) await _output.WriteLineAsync(line).ConfigureAwait(false);
            if (_queue.Reader.Count == 0) await _output.FlushAsync().ConfigureAwait(false);
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
