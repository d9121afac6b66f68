using System.Diagnostics;
using DevTools.Engine;
using DevTools.Engine.Invocation;
using DevTools.Engine.Isolation;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>Cold starts per runtime: what the engine adds, the whole cold invoke, and a bare interpreter start for scale.</summary>
internal sealed class ColdStartBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Cold start";
        await using var engine = BenchmarkFunctions.NewEngine(out _);
        // What the environment's own network costs: the same cold starts on the machine's network, taken in turns
        // with the others (this machine's load drifts).
        await using var shared = engine.Isolation.Network == NetworkModes.Namespace ? BenchmarkFunctions.NewEngine(out _, sharedNetwork: true) : null;
        List<double> engineAdded = [], sharedAdded = [];
        foreach (var function in new[] { "Node", "Python", "Dotnet", "Provided" })
        {
            // Once per machine, not per cold start: a .NET project's publish (the runtime SDKs are ready already).
            foreach (var warmUp in new[] { engine, shared }.OfType<LambdaEngine>())
                await warmUp.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = BenchmarkFunctions.EmptyEvent });
            var whole = new List<double>();
            for (var i = 0; i < settings.ColdStarts; i++)
            {
                whole.Add(await ColdStartAsync(engine, function, engineAdded));
                if (shared is not null) await ColdStartAsync(shared, function, sharedAdded);
            }
            report.Add(section, $"{function}: whole cold invoke p50", Report.Ms(new Stats(whole).P50), $"{whole.Count} cold starts");
            var warm = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await engine.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = BenchmarkFunctions.EmptyEvent });
                warm.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            report.Add(section, $"{function}: whole warm invoke p50 (in-process engine)", Report.Ms(new Stats(warm).P50), $"{warm.Count} warm invokes");
        }
        report.Add(section, "node -e '' (bare start, for scale): p50", Report.Ms(BareStart("node", "-e", "")));
        report.Add(section, "python3 -c '' (bare start, for scale): p50", Report.Ms(BareStart("python3", "-c", "")));
        var added = new Stats(engineAdded);
        report.Add(section, "engine-added (request in → process started, + first /next → event out): p50 / p99", $"{Report.Ms(added.P50)} / {Report.Ms(added.P99)}",
            $"sandbox: {engine.Isolation.Level}, /tmp {engine.Isolation.Tmp}, network {engine.Isolation.Network}");
        report.Target("Engine-added cold-start overhead ≤ 10 ms p50", Report.Ms(added.P50), added.P50 <= 10);
        if (shared is null) return;
        var onShared = new Stats(sharedAdded);
        report.Add(section, "engine-added on the machine's network (--shared-network): p50 / p99", $"{Report.Ms(onShared.P50)} / {Report.Ms(onShared.P99)}",
            "the row above less this: what a network namespace per environment adds");
    }

    /// <summary>A cold invoke of the function: its whole duration; what the engine added to it goes to <paramref name="engineAdded"/>.</summary>
    private static async Task<double> ColdStartAsync(LambdaEngine engine, string function, List<double> engineAdded)
    {
        await engine.StopEnvironmentsAsync(function);
        var start = Stopwatch.GetTimestamp();
        var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = BenchmarkFunctions.EmptyEvent });
        var whole = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (result.Timestamps is { ProcessStarted: > 0, InitDone: > 0 } t)
            engineAdded.Add(Stopwatch.GetElapsedTime(t.Accepted, t.ProcessStarted).TotalMilliseconds + Stopwatch.GetElapsedTime(t.InitDone, t.Delivered).TotalMilliseconds);
        return whole;
    }

    internal static double BareStart(string program, params string[] args)
    {
        var samples = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true })!;
            process.WaitForExit();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new Stats(samples).P50;
    }
}
