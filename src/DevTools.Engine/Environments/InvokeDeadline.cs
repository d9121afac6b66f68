using System.Diagnostics;

namespace DevTools.Engine.Environments;

/// <summary>
/// The current invoke's deadline, on one timer for the environment's life. The timer is only moved when it would fire
/// too late: one set for an earlier invoke's deadline fires early and re-arms itself for the rest, so back-to-back
/// invokes do not re-arm it (each re-arm can wake .NET's timer thread).
/// </summary>
internal sealed class InvokeDeadline : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Action _onPassed;
    private readonly Timer _timer;
    private long _deadlineAt = long.MaxValue; // Stopwatch ticks; MaxValue: no invoke running
    private long _timerDueAt = long.MaxValue; // when the timer is set to fire; MaxValue: not set

    /// <param name="onPassed">Called on a timer thread when an armed deadline passes.</param>
    public InvokeDeadline(Action onPassed)
    {
        _onPassed = onPassed;
        _timer = new Timer(_ => OnTimer());
    }

    public void Arm(TimeSpan remaining)
    {
        if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
        var at = Stopwatch.GetTimestamp() + (long)(remaining.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            _deadlineAt = at;
            if (_timerDueAt <= at) return;
            _timerDueAt = at;
            _timer.Change(remaining, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>No invoke is running: a timer still set fires once more and finds nothing to do.</summary>
    public void Disarm()
    {
        lock (_gate) _deadlineAt = long.MaxValue;
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_deadlineAt == long.MaxValue)
            {
                _timerDueAt = long.MaxValue;
                return;
            }
            var left = _deadlineAt - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                // Set for an earlier invoke, or fired a little early (timers count in coarser ticks): wait out the rest.
                _timerDueAt = _deadlineAt;
                _timer.Change(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }
            _timerDueAt = long.MaxValue;
        }
        _onPassed();
    }

    public ValueTask DisposeAsync()
    {
        Disarm();
        return _timer.DisposeAsync();
    }
}
