using System.Diagnostics;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>The engine's own share of a warm invoke, and the freeze/thaw cost, measured in-process from the engine's checkpoints.</summary>
internal sealed class EngineOverheadBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Engine overhead (warm)";
        await using var engine = BenchmarkFunctions.NewEngine(out var events);
        var requestToEvent = new List<double>();
        var responseToReply = new List<double>();
        for (var i = 0; i < settings.Warmup + settings.WarmInvokes; i++)
        {
            // The pause a client's round trip gives (under the 1 ms freeze delay): an in-process caller is faster than the
            // runtime's return to /next, and waiting for that return is the runtime's time, not the engine's.
            SpinFor(TimeSpan.FromMilliseconds(0.3));
            var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = "Node", Payload = BenchmarkFunctions.EmptyEvent });
            await Task.Yield(); // off the engine's I/O thread, as a caller in another process is
            if (i < settings.Warmup || result.Timestamps is not { } t) continue;
            requestToEvent.Add(Stopwatch.GetElapsedTime(t.Accepted, t.Delivered).TotalMilliseconds);
            responseToReply.Add(Stopwatch.GetElapsedTime(t.Answered, t.Returned).TotalMilliseconds);
        }
        var overhead = new Stats(requestToEvent.Zip(responseToReply, (a, b) => a + b));
        report.Add(section, "request in → event out: p50 / p99", $"{Report.Ms(new Stats(requestToEvent).P50)} / {Report.Ms(new Stats(requestToEvent).P99)}", "0.3 ms between invokes, as a client's round trip: no freeze, no thaw");
        report.Add(section, "response in → reply out: p50 / p99", $"{Report.Ms(new Stats(responseToReply).P50)} / {Report.Ms(new Stats(responseToReply).P99)}");
        report.Add(section, "engine overhead per invoke: p50 / p99", $"{Report.Ms(overhead.P50)} / {Report.Ms(overhead.P99)}", "the two above together");
        // Back-to-back invokes skip the freeze (EngineOptions.FreezeDelay); leave it time to freeze to measure both.
        for (var i = 0; i < Math.Min(300, settings.WarmInvokes); i++)
        {
            await Task.Delay(3);
            await engine.InvokeAsync(new InvokeRequest { FunctionName = "Node", Payload = BenchmarkFunctions.EmptyEvent });
        }
        var thaws = new Stats(events.OfType<EnvironmentThawed>().Select(e => e.ThawMs));
        var freezes = new Stats(events.OfType<EnvironmentFrozen>().Select(e => e.FreezeMs));
        report.Add(section, $"thaw ({engine.Isolation.Level}): p50 / p99", $"{Report.Ms(thaws.P50)} / {Report.Ms(thaws.P99)}", "on the caller's path");
        report.Add(section, $"freeze ({engine.Isolation.Level}): p50 / p99", $"{Report.Ms(freezes.P50)} / {Report.Ms(freezes.P99)}", "after the caller has its answer");
        report.Target("Engine overhead p50 ≤ 0.15 ms", Report.Ms(overhead.P50), overhead.P50 <= 0.15);
    }

    private static void SpinFor(TimeSpan pause)
    {
        var until = Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
    }
}
