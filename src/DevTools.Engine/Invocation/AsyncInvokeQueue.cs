using System.Threading.Channels;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;

namespace DevTools.Engine.Invocation;

/// <summary>
/// Lambda's internal queue for Event invokes: accepted at once, run in the background, retried
/// twice after a function error (with Lambda's delays), and retried while throttled until the
/// maximum event age.
/// </summary>
internal sealed class AsyncInvokeQueue : IAsyncDisposable
{
    private readonly Channel<QueuedInvoke> _channel = Channel.CreateUnbounded<QueuedInvoke>();
    private readonly Func<FunctionConfiguration, QueuedInvoke, Task<InvokeResult>> _run;
    private readonly EngineOptions _options;
    private readonly LifecycleEventHub _events;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _dispatcher;
    private int _inFlight;

    public AsyncInvokeQueue(EngineOptions options, LifecycleEventHub events, Func<FunctionConfiguration, QueuedInvoke, Task<InvokeResult>> run)
    {
        _options = options;
        _events = events;
        _run = run;
        _dispatcher = Task.Run(DispatchAsync);
    }

    /// <summary>Event invokes accepted and not yet finished.</summary>
    public int Pending => Volatile.Read(ref _inFlight);

    public void Enqueue(FunctionConfiguration function, QueuedInvoke invoke)
    {
        Interlocked.Increment(ref _inFlight);
        _events.Publish(new AsyncInvokeQueued { FunctionName = function.FunctionName, RequestId = invoke.RequestId });
        _channel.Writer.TryWrite(invoke with { Function = function });
    }

    /// <summary>Starts each queued invoke at once: the environment pool's concurrency limit throttles them.</summary>
    private async Task DispatchAsync()
    {
        try
        {
            await foreach (var invoke in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
                _ = ProcessAsync(invoke);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ProcessAsync(QueuedInvoke invoke)
    {
        var function = invoke.Function!;
        var attempt = 0;
        string? lastError = null;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                attempt++;
                TimeSpan delay;
                string reason;
                try
                {
                    var result = await _run(function, invoke).ConfigureAwait(false);
                    if (result.FunctionError is null)
                    {
                        _events.Publish(new AsyncInvokeCompleted { FunctionName = function.FunctionName, RequestId = invoke.RequestId, Attempts = attempt });
                        return;
                    }
                    lastError = result.ErrorType ?? "Unhandled";
                    if (attempt > LambdaLimits.AsyncMaxRetries) break;
                    delay = _options.AsyncRetryDelays[Math.Min(attempt - 1, _options.AsyncRetryDelays.Count - 1)];
                    reason = lastError;
                }
                catch (LambdaServiceException e) when (e.StatusCode == 429)
                {
                    // Throttled events wait and try again without using up retries, until the maximum event age.
                    if (DateTimeOffset.UtcNow - invoke.AcceptedAt > _options.MaxEventAge) { lastError = e.ErrorType; break; }
                    delay = TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt));
                    reason = e.ErrorType;
                    attempt--;
                }
                _events.Publish(new AsyncInvokeRetrying { FunctionName = function.FunctionName, RequestId = invoke.RequestId, Attempt = attempt + 1, Delay = delay, Reason = reason });
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            _events.Publish(new AsyncInvokeCompleted { FunctionName = function.FunctionName, RequestId = invoke.RequestId, Attempts = attempt, ErrorType = lastError ?? "Shutdown" });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _events.Publish(new AsyncInvokeCompleted { FunctionName = function.FunctionName, RequestId = invoke.RequestId, Attempts = attempt, ErrorType = e.GetType().Name });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _channel.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>An accepted Event invoke.</summary>
internal sealed record QueuedInvoke(string RequestId, ReadOnlyMemory<byte> Payload, string InvokedFunctionArn, DateTimeOffset AcceptedAt)
{
    public FunctionConfiguration? Function { get; init; }
}
