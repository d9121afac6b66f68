using System.Collections.Concurrent;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Invocation;

/// <summary>Lambda's queue for Event invokes on its own (no processes): retries, throttling and its share of the concurrency.</summary>
public sealed class AsyncInvokeQueueTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AFunctionErrorIsRetriedTwiceWithLambdasDelaysThenGivenUp()
    {
        var events = new ConcurrentQueue<LifecycleEvent>();
        var attempts = new ConcurrentQueue<int>();
        var options = new EngineOptions { AsyncRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)] };
        await using var queue = Queue(options, events, (_, invoke) =>
        {
            attempts.Enqueue(invoke.Attempt);
            return Task.FromResult(Result(invoke, functionError: true));
        });

        queue.Enqueue(TestFunctions.Probe(), Accepted("r1"));

        var completed = await Poll.UntilAsync(() => events.OfType<AsyncInvokeCompleted>().FirstOrDefault(), Within);
        Assert.NotNull(completed);
        Assert.Equal((3, "Probe.Failed"), (completed.Attempts, completed.ErrorType));
        Assert.Equal([1, 2, 3], attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], events.OfType<AsyncInvokeRetrying>().Select(r => r.Delay));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task AThrottledInvokeWaitsWithoutUsingUpARetry()
    {
        var events = new ConcurrentQueue<LifecycleEvent>();
        var tries = 0;
        await using var queue = Queue(new EngineOptions(), events, (_, invoke) =>
            Interlocked.Increment(ref tries) <= 3
                ? throw LambdaServiceException.Throttled(reserved: false)
                : Task.FromResult(Result(invoke, functionError: false)));

        queue.Enqueue(TestFunctions.Probe(), Accepted("r1"));

        var completed = await Poll.UntilAsync(() => events.OfType<AsyncInvokeCompleted>().FirstOrDefault(), Within);
        Assert.NotNull(completed);
        Assert.Equal((1, (string?)null), (completed.Attempts, completed.ErrorType));
        Assert.Equal(4, tries);
        Assert.Empty(events.OfType<AsyncInvokeRetrying>());
    }

    [Fact]
    public async Task EventInvokesNeverTakeMoreThanHalfTheConcurrency()
    {
        var events = new ConcurrentQueue<LifecycleEvent>();
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource();
        await using var queue = Queue(new EngineOptions { ConcurrencyLimit = 4 }, events, async (_, invoke) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return Result(invoke, functionError: false);
        });

        for (var i = 0; i < 6; i++) queue.Enqueue(TestFunctions.Probe(), Accepted($"r{i}"));
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref running) == 2, Within));
        release.SetResult();

        Assert.True(await Poll.UntilAsync(() => events.OfType<AsyncInvokeCompleted>().Count() == 6, Within));
        Assert.Equal(2, most);
    }

    private static AsyncInvokeQueue Queue(EngineOptions options, ConcurrentQueue<LifecycleEvent> events, Func<DevTools.Engine.Catalog.FunctionConfiguration, QueuedInvoke, Task<InvokeResult>> run)
    {
        var hub = new LifecycleEventHub();
        hub.Subscribe(events.Enqueue);
        return new AsyncInvokeQueue(options, hub, run);
    }

    private static QueuedInvoke Accepted(string requestId) => new(requestId, "{}"u8.ToArray(), "arn:aws:lambda:us-east-1:123456789012:function:Probe", DateTimeOffset.UtcNow);

    private static InvokeResult Result(QueuedInvoke invoke, bool functionError) => new()
    {
        StatusCode = 200,
        RequestId = invoke.RequestId,
        FunctionName = "Probe",
        FunctionError = functionError ? "Unhandled" : null,
        ErrorType = functionError ? "Probe.Failed" : null,
    };

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
