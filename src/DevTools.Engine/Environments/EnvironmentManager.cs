using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.RuntimeApi;

namespace DevTools.Engine.Environments;

/// <summary>
/// Every environment of the engine: placement of invokes (warm reuse, most recently used first,
/// scale-out, throttling), idle expiry, and retirement when a function changes.
/// All bookkeeping happens under one short lock; no I/O is done while it is held.
/// </summary>
public sealed class EnvironmentManager : IAsyncDisposable
{
    /// <summary>How long a caller waits for an environment that has answered to come back, rather than cold-starting another.</summary>
    private static readonly TimeSpan ReturnWait = TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly Dictionary<string, FunctionPool> _pools = new(StringComparer.Ordinal);
    private readonly HashSet<ExecutionEnvironment> _stopOnRelease = [];
    private readonly EngineContext _context;
    private readonly Timer _expiryTimer;
    private int _unreservedBusy;
    private bool _disposed;

    public EnvironmentManager(EngineContext context)
    {
        _context = context;
        var period = TimeSpan.FromTicks(Math.Clamp(context.Options.KeepWarm.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        _expiryTimer = new Timer(_ => ExpireIdle(), null, period, period);
    }

    /// <summary>Places the invoke on an environment and runs it; throws <see cref="LambdaServiceException"/> when throttled.</summary>
    internal async Task<InvokeResult> InvokeAsync(FunctionConfiguration function, RuntimeInvocation invocation, bool waitForReport, bool captureTail, CancellationToken cancellationToken)
    {
        var (pool, environment) = await AcquireAsync(function, cancellationToken).ConfigureAwait(false);
        // Synchronous continuation: the caller's reply is written straight from the runtime's connection, no thread hop.
        var result = new TaskCompletionSource<InvokeResult>();
        var run = RunAndReleaseAsync(pool, environment, invocation, waitForReport, captureTail, result);
        // A caller that gives up does not stop the invoke: like Lambda, it runs to completion.
        if (waitForReport || captureTail)
        {
            // Answer once the environment is back in the pool, so a sequential caller finds it there.
            await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAndReleaseAsync(FunctionPool pool, ExecutionEnvironment environment, RuntimeInvocation invocation,
        bool waitForReport, bool captureTail, TaskCompletionSource<InvokeResult> result)
    {
        Exception? failure = null;
        try
        {
            await environment.RunAsync(invocation, waitForReport, captureTail, result).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            result.TrySetException(new LambdaServiceException("ServiceException", 500, "The engine failed to run the invoke: " + e.Message));
        }
        finally
        {
            Release(pool, environment, failure is not null);
        }
    }

    public IReadOnlyList<EnvironmentInfo> List()
    {
        List<ExecutionEnvironment> all;
        lock (_gate) all = _pools.Values.SelectMany(p => p.Busy.Concat(p.Idle)).ToList();
        return all
            .Where(e => e.State < EnvironmentState.Stopping) // one going away is no longer listed
            .OrderBy(e => e.CreatedAt)
            .Select(e => new EnvironmentInfo(e.Id, e.Function.FunctionName, e.Function.LogicalId, e.State, e.CreatedAt, e.LastUsedAt,
                e.Invocations, e.MaxMemoryUsedMb, e.TmpUsedBytes(), e.Pid, e.Isolation, e.TmpMode, e.RuntimeApiAddress, e.Extensions))
            .ToList();
    }

    /// <summary>Stops environments matching a function and/or an id (prefix); busy ones stop when their invoke ends.</summary>
    public async Task<int> StopAsync(string? functionName, string? environmentId, EnvironmentReason reason = EnvironmentReason.Stopped)
    {
        var stopNow = new List<ExecutionEnvironment>();
        var count = 0;
        lock (_gate)
        {
            foreach (var pool in _pools.Values)
            {
                if (functionName is not null && pool.Function.LogicalId != functionName && pool.Function.FunctionName != functionName) continue;
                foreach (var env in pool.Idle.Where(e => Matches(e, environmentId)).ToList())
                {
                    pool.Idle.Remove(env);
                    stopNow.Add(env);
                }
                foreach (var env in pool.Busy.Where(e => Matches(e, environmentId)))
                {
                    _stopOnRelease.Add(env);
                    count++;
                }
            }
        }
        await Task.WhenAll(stopNow.Select(e => e.StopAsync(reason))).ConfigureAwait(false);
        return count + stopNow.Count;
    }

    /// <summary>The function's code or configuration changed: idle environments go now, busy ones after their invoke.</summary>
    public Task RetireAsync(string logicalId, EnvironmentReason reason, FunctionConfiguration? replacement = null)
    {
        List<ExecutionEnvironment> idle;
        lock (_gate)
        {
            if (!_pools.TryGetValue(logicalId, out var pool)) return Task.CompletedTask;
            pool.Generation++;
            pool.RetireReason = reason;
            if (replacement is not null) pool.Function = replacement;
            idle = [.. pool.Idle];
            pool.Idle.Clear();
        }
        return Task.WhenAll(idle.Select(e => e.StopAsync(reason)));
    }

    /// <summary>Applies a reloaded catalogue: changed functions retire their environments, removed ones lose them.</summary>
    public async Task ApplyCatalogAsync(FunctionCatalog catalog)
    {
        List<(string Id, FunctionConfiguration? Replacement)> changes = [];
        lock (_gate)
        {
            foreach (var (id, pool) in _pools)
            {
                var updated = catalog.Functions.FirstOrDefault(f => f.LogicalId == id);
                if (updated is null) changes.Add((id, null));
                else if (!FunctionConfigurations.SameRuntimeConfiguration(pool.Function, updated)) changes.Add((id, updated));
            }
        }
        foreach (var (id, replacement) in changes)
            await RetireAsync(id, EnvironmentReason.ConfigurationChanged, replacement).ConfigureAwait(false);
    }

    private async Task<(FunctionPool, ExecutionEnvironment)> AcquireAsync(FunctionConfiguration function, CancellationToken cancellationToken)
    {
        // A busy environment that has already answered will be free in moments: wait for one (bounded) before
        // scaling out or throttling, so N sequential callers never need more than N environments.
        var waitUntil = Environment.TickCount64 + (long)ReturnWait.TotalMilliseconds;
        while (true)
        {
            var waited = Environment.TickCount64 >= waitUntil;
            PoolWaiter? waiter = null;
            FunctionPool pool;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_pools.TryGetValue(function.LogicalId, out pool!))
                    _pools[function.LogicalId] = pool = new FunctionPool(function);

                switch (Placement.Decide(pool.Idle.Count, pool.Busy.Count, pool.Busy.Any(e => e.IsAnswered), waited,
                    pool.Function.ReservedConcurrentExecutions, _unreservedBusy, _context.Options.ConcurrencyLimit))
                {
                    case PlacementDecision.Warm:
                        var warm = pool.Idle[^1];
                        pool.Idle.RemoveAt(pool.Idle.Count - 1);
                        MarkBusy(pool, warm);
                        return (pool, warm);
                    case PlacementDecision.ScaleOut:
                        var created = new ExecutionEnvironment(pool.Function, pool.Generation, _context);
                        MarkBusy(pool, created);
                        return (pool, created);
                    case PlacementDecision.Throttle:
                        throw LambdaServiceException.Throttled(pool.HasReservation);
                    default:
                        waiter = new PoolWaiter();
                        pool.Waiters.Add(waiter);
                        break;
                }
            }
            var remaining = TimeSpan.FromMilliseconds(Math.Max(1, waitUntil - Environment.TickCount64));
            await waiter.Task.WaitAsync(remaining, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ExecutionEnvironment? handed;
            lock (_gate)
            {
                // Still queued: timed out or cancelled. Otherwise Release took it out, with or without an environment.
                handed = pool.Waiters.Remove(waiter) ? null : waiter.Handed;
            }
            if (handed is not null)
            {
                if (!cancellationToken.IsCancellationRequested) return (pool, handed);
                Release(pool, handed, faulted: false);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void MarkBusy(FunctionPool pool, ExecutionEnvironment environment)
    {
        pool.Busy.Add(environment);
        if (!pool.HasReservation) _unreservedBusy++;
    }

    private void Release(FunctionPool pool, ExecutionEnvironment environment, bool faulted)
    {
        EnvironmentReason? retire = null;
        List<PoolWaiter> woken = [];
        lock (_gate)
        {
            pool.Busy.Remove(environment);
            if (!pool.HasReservation) _unreservedBusy--;
            if (_disposed) retire = EnvironmentReason.Shutdown;
            else if (_stopOnRelease.Remove(environment)) retire = EnvironmentReason.Stopped;
            else if (faulted) retire = EnvironmentReason.Crash;
            else if (environment.MustRetire is { } own) retire = own;
            else if (environment.Generation != pool.Generation) retire = pool.RetireReason;
            else if (pool.Waiters.Count > 0)
            {
                var first = pool.Waiters[0];
                pool.Waiters.RemoveAt(0);
                first.Handed = environment;
                MarkBusy(pool, environment);
                woken.Add(first);
            }
            else pool.Idle.Add(environment);
            // The rest wait on only while another busy environment has answered; else they look again (scale out, throttle).
            if (pool.Waiters.Count > 0 && (retire is not null || !pool.Busy.Any(e => e != environment && e.IsAnswered)))
            {
                woken.AddRange(pool.Waiters);
                pool.Waiters.Clear();
            }
        }
        foreach (var waiter in woken) waiter.TrySetResult();
        if (retire is { } reason) _ = environment.StopAsync(reason);
    }

    private void ExpireIdle()
    {
        var expired = new List<ExecutionEnvironment>();
        var cutoff = DateTimeOffset.UtcNow - _context.Options.KeepWarm;
        lock (_gate)
        {
            if (_disposed) return;
            foreach (var pool in _pools.Values)
            {
                foreach (var env in pool.Idle.Where(e => e.LastUsedAt < cutoff).ToList())
                {
                    pool.Idle.Remove(env);
                    expired.Add(env);
                }
            }
        }
        foreach (var env in expired) _ = env.StopAsync(EnvironmentReason.Idle);
    }

    private static bool Matches(ExecutionEnvironment environment, string? id) =>
        id is null || environment.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        List<ExecutionEnvironment> all;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            all = _pools.Values.SelectMany(p => p.Idle.Concat(p.Busy)).ToList();
            foreach (var pool in _pools.Values) pool.Idle.Clear();
        }
        await _expiryTimer.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(all.Select(e => e.StopAsync(EnvironmentReason.Shutdown))).ConfigureAwait(false);
    }
}
