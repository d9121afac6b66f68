using System.Threading.Channels;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;

namespace DevTools.Engine.Invocation;

/// <summary>
/// Lambda's internal queue for Event invokes: accepted at once, then run by a fixed set of pollers
/// (half the engine's concurrency), retried twice after a function error with Lambda's delays
/// (a retry waits outside the pollers, so it holds no capacity), and retried while throttled until
/// the maximum event age. Sync and Event invokes share the concurrency, as in Lambda; unlike Lambda,
/// Event invokes can never take all of it (a local tool favours the developer's interactive calls).
/// </summary>
internal sealed class AsyncInvokeQueue : IAsyncDisposable
{
    private readonly Channel<QueuedInvoke> _channel = Channel.CreateUnbounded<QueuedInvoke>();
    private readonly Func<FunctionConfiguration, QueuedInvoke, Task<InvokeResult>> _run;
    private readonly EngineOptions _options;
    private readonly LifecycleEventHub _events;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _pollers;
    private int _pending;

    public AsyncInvokeQueue(EngineOptions options, LifecycleEventHub events, Func<FunctionConfiguration, QueuedInvoke, Task<InvokeResult>> run)
    {
        _options = options;
        _events = events;
        _run = run;
        // Half the concurrency at most: a backlog of Event invokes never locks interactive (sync) callers out.
        _pollers = Enumerable.Range(0, Math.Max(1, options.ConcurrencyLimit / 2)).Select(_ => Task.Run(PollAsync)).ToArray();
    }

    /// <summary>Event invokes accepted and not yet finished (retries included).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(FunctionConfiguration function, QueuedInvoke invoke)
    {
        Interlocked.Increment(ref _pending);
        _events.Publish(new AsyncInvokeQueued { FunctionName = function.FunctionName, RequestId = invoke.RequestId });
        _channel.Writer.TryWrite(invoke with { Function = function, Attempt = 1 });
    }

    private async Task PollAsync()
    {
        try
        {
            await foreach (var invoke in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
                await AttemptAsync(invoke).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    private async Task AttemptAsync(QueuedInvoke invoke)
    {
        var function = invoke.Function!;
        var throttledFor = 0;
        while (!_stopping.IsCancellationRequested)
        {
            InvokeResult result;
            try
            {
                result = await _run(function, invoke).ConfigureAwait(false);
            }
            catch (LambdaServiceException e) when (e.StatusCode == 429)
            {
                // Throttled: wait and try again without using up a retry, until the maximum event age.
                if (DateTimeOffset.UtcNow - invoke.AcceptedAt > _options.MaxEventAge)
                {
                    Complete(invoke, e.ErrorType);
                    return;
                }
                await Task.Delay(Math.Min(1000, 10 << Math.Min(throttledFor++, 6)), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Complete(invoke, e is LambdaServiceException service ? service.ErrorType : "ServiceException");
                return;
            }

            if (result.FunctionError is null)
            {
                Complete(invoke, null);
            }
            else if (invoke.Attempt > LambdaLimits.AsyncMaxRetries)
            {
                Complete(invoke, result.ErrorType ?? "Unhandled");
            }
            else
            {
                var delay = _options.AsyncRetryDelays[Math.Min(invoke.Attempt - 1, _options.AsyncRetryDelays.Count - 1)];
                _events.Publish(new AsyncInvokeRetrying { FunctionName = function.FunctionName, RequestId = invoke.RequestId, Attempt = invoke.Attempt + 1, Delay = delay, Reason = result.ErrorType ?? "Unhandled" });
                _ = RequeueAfterAsync(invoke with { Attempt = invoke.Attempt + 1 }, delay);
            }
            return;
        }
        Complete(invoke, "Shutdown");
    }

    private async Task RequeueAfterAsync(QueuedInvoke invoke, TimeSpan delay)
    {
        await Task.Delay(delay, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_stopping.IsCancellationRequested || !_channel.Writer.TryWrite(invoke)) Complete(invoke, "Shutdown");
    }

    private void Complete(QueuedInvoke invoke, string? errorType)
    {
        _events.Publish(new AsyncInvokeCompleted { FunctionName = invoke.Function!.FunctionName, RequestId = invoke.RequestId, Attempts = invoke.Attempt, ErrorType = errorType });
        Interlocked.Decrement(ref _pending);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _channel.Writer.TryComplete();
        await Task.WhenAll(_pollers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>An accepted Event invoke.</summary>
internal sealed record QueuedInvoke(string RequestId, ReadOnlyMemory<byte> Payload, string InvokedFunctionArn, DateTimeOffset AcceptedAt)
{
    public FunctionConfiguration? Function { get; init; }

    /// <summary>1 for the first try, then 2 and 3 for Lambda's two retries.</summary>
    public int Attempt { get; init; }
}
