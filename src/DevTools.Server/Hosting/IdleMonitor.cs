using DevTools.Engine;

namespace DevTools.Server.Hosting;

/// <summary>
/// Ends an unused backend: once there has been no client, no environment and no queued Event invoke for
/// the whole grace period, it asks the host to shut down. Any of them coming back restarts the period.
/// </summary>
internal sealed class IdleMonitor : IDisposable
{
    private readonly Timer _timer;
    private readonly LambdaEngine _engine;
    private readonly IBackendControl _control;
    private readonly TimeSpan _grace;
    private DateTimeOffset? _idleSince;

    public IdleMonitor(LambdaEngine engine, IBackendControl control, TimeSpan grace)
    {
        _engine = engine;
        _control = control;
        _grace = grace;
        var period = TimeSpan.FromTicks(Math.Clamp(grace.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _timer = new Timer(_ => Check(), null, period, period);
    }

    private void Check()
    {
        var idle = _control.ClientCount == 0 && _engine.PendingAsyncInvokes == 0 && _engine.ListEnvironments().Count == 0;
        if (!idle)
        {
            _idleSince = null;
            return;
        }
        _idleSince ??= DateTimeOffset.UtcNow;
        if (DateTimeOffset.UtcNow - _idleSince >= _grace)
            _control.RequestShutdown($"idle for {_grace.TotalSeconds:0.#} s with no client and no environment");
    }

    public void Dispose() => _timer.Dispose();
}
