using System.Diagnostics;

namespace DevTools.Engine.Environments;

/// <summary>
/// Freezes an environment once it has been idle for <see cref="EngineOptions.FreezeDelay"/> (zero: at
/// once), and thaws it for the next invoke. A back-to-back invoke that arrives within the delay finds
/// the environment still running and skips both the freeze and the thaw: the one place this engine
/// trades a sliver of fidelity (background work may run for that moment) for speed.
/// </summary>
/// <typeparam name="TProcess">What is frozen (the runtime's process tree; anything, in tests).</typeparam>
internal sealed class FreezeScheduler<TProcess> : IDisposable where TProcess : class
{
    private readonly object _gate = new();
    private readonly Action<TProcess> _freeze;
    private readonly Action<TProcess> _thaw;
    private readonly TimeSpan _delay;
    private readonly Action<double> _onFrozen;
    private readonly Timer _timer;
    private TProcess? _idleProcess;
    private bool _frozen;
    private long _frozenAt;

    /// <param name="onFrozen">Called (under the scheduler's lock, so events stay ordered) with the freeze's cost in ms.</param>
    public FreezeScheduler(Action<TProcess> freeze, Action<TProcess> thaw, TimeSpan delay, Action<double> onFrozen)
    {
        _freeze = freeze;
        _thaw = thaw;
        _delay = delay;
        _onFrozen = onFrozen;
        _timer = new Timer(_ => FreezeIfStillIdle());
    }

    public bool IsFrozen { get { lock (_gate) return _frozen; } }

    /// <summary>The invoke is over and the runtime is back at <c>/next</c>: freeze now or after the delay.</summary>
    public void Idle(TProcess process)
    {
        lock (_gate)
        {
            _idleProcess = process;
            if (_delay <= TimeSpan.Zero) FreezeLocked();
            else _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>An invoke is about to be delivered: thaw if frozen. Returns how long it was frozen and what the thaw cost, when it was.</summary>
    public (TimeSpan FrozenFor, double ThawMs)? Resume()
    {
        lock (_gate)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var process = _idleProcess;
            _idleProcess = null;
            if (!_frozen || process is null) return null;
            var start = Stopwatch.GetTimestamp();
            _thaw(process);
            _frozen = false;
            return (Stopwatch.GetElapsedTime(_frozenAt), Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>The runtime is going away (reset, stop): forget it without thawing (the kill path thaws as needed).</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _idleProcess = null;
            _frozen = false;
        }
    }

    private void FreezeIfStillIdle()
    {
        lock (_gate)
        {
            if (_idleProcess is not null && !_frozen) FreezeLocked();
        }
    }

    private void FreezeLocked()
    {
        var start = Stopwatch.GetTimestamp();
        _freeze(_idleProcess!);
        _frozen = true;
        _frozenAt = Stopwatch.GetTimestamp();
        _onFrozen(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public void Dispose() => _timer.Dispose();
}
