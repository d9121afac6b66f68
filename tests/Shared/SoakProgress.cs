using System.Diagnostics;
using DevTools.Engine;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;

namespace DevTools.Tests.Shared;

/// <summary>
/// A soak's figures per time window, so a slowdown shows where it starts and what grows with it:
/// answers per second, the Event backlog, environments by state, threads, memory, file descriptors,
/// runtime processes and the CPU the engine used.
/// </summary>
public sealed class SoakProgress(LambdaEngine engine, Func<SoakProgress.Counters> read, Action<string> write)
{
    /// <summary>Running totals of the soak, read once per window.</summary>
    public readonly record struct Counters(int Answered, int Throttled, int AsyncCompleted, int Kills);

    private readonly object _gate = new();
    private int _inits, _initsFailed, _initsTimedOut;
    private double _initMs, _initMsMax;
    private readonly Dictionary<EnvironmentReason, int> _resets = [];

    public async Task RunAsync(TimeSpan every, CancellationToken stop)
    {
        // Inits and resets are where a killed environment costs: count them per window.
        using var subscription = engine.Events.Subscribe(e =>
        {
            lock (_gate)
            {
                if (e is PlatformInitReport init)
                {
                    _inits++;
                    if (init.Status != PlatformStatus.Success) _initsFailed++;
                    if (init.Status == PlatformStatus.Timeout) _initsTimedOut++;
                    _initMs += init.DurationMs;
                    _initMsMax = Math.Max(_initMsMax, init.DurationMs);
                }
                else if (e is EnvironmentReset reset) _resets[reset.Reason] = _resets.GetValueOrDefault(reset.Reason) + 1;
            }
        });
        using var self = Process.GetCurrentProcess();
        var started = Stopwatch.GetTimestamp();
        var last = read();
        var lastCpu = self.TotalProcessorTime;
        var lastAt = Stopwatch.GetTimestamp();
        var lastGen2 = GC.CollectionCount(2);
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(every, stop); } catch (OperationCanceledException) { }
            var now = read();
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            var seconds = Stopwatch.GetElapsedTime(lastAt).TotalSeconds;
            var states = engine.ListEnvironments().GroupBy(e => e.State).ToDictionary(g => g.Key, g => g.Count());
            int State(EnvironmentState s) => states.GetValueOrDefault(s);
            var gen2 = GC.CollectionCount(2);
            string inits;
            lock (_gate)
            {
                inits = $"inits {_inits} ({_initsFailed} failed, {_initsTimedOut} timed out, mean {(_inits == 0 ? 0 : _initMs / _inits):0} ms, max {_initMsMax:0} ms), " +
                        $"resets {string.Join(' ', _resets.Select(r => $"{r.Key.Name()}:{r.Value}"))}; ";
                (_inits, _initsFailed, _initsTimedOut, _initMs, _initMsMax) = (0, 0, 0, 0, 0);
                _resets.Clear();
            }
            write($"[soak {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s] " +
                  $"{(now.Answered - last.Answered) / seconds,5:0}/s answered (total {now.Answered}), " +
                  $"async done {(now.AsyncCompleted - last.AsyncCompleted) / seconds,4:0}/s, pending async {engine.PendingAsyncInvokes}, " +
                  $"throttled {now.Throttled}, kills {now.Kills}; " +
                  inits +
                  $"envs {states.Values.Sum()} (busy {State(EnvironmentState.Busy)}, init {State(EnvironmentState.Initializing)}, idle {State(EnvironmentState.Idle)}, frozen {State(EnvironmentState.Frozen)}); " +
                  $"cpu {(cpu - lastCpu).TotalSeconds / seconds * 100,4:0}%, threads {self.Threads.Count} (pool {ThreadPool.ThreadCount}, queued {ThreadPool.PendingWorkItemCount}), " +
                  $"managed {GC.GetTotalMemory(false) / 1024 / 1024} MB, gen2 +{gen2 - lastGen2}, rss {self.WorkingSet64 / 1024 / 1024} MB, " +
                  $"fds {Directory.GetFiles("/proc/self/fd").Length}, runtimes {Soak.Resources.CountChildRuntimes()}");
            last = now;
            lastCpu = cpu;
            lastGen2 = gen2;
            lastAt = Stopwatch.GetTimestamp();
        }
    }
}
