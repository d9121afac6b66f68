using System.Diagnostics;
using DevTools.Engine.Invocation;
using DevTools.Tests.Shared;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>A cold and a warm invoke in each runtime family, in-process: what a user waits for with each.</summary>
internal sealed class RuntimesBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Runtimes (cold and warm)";
        // Lambda runs the Java function's classes: compiled here, beside its source.
        JavaCode.Compile(Path.Combine(BenchmarkFunctions.FunctionsDirectory, "java"), [], Path.Combine(BenchmarkFunctions.FunctionsDirectory, "java"));
        await using var engine = BenchmarkFunctions.NewEngine(out _);
        var warmInvokes = Math.Min(settings.WarmInvokes, 1000);
        foreach (var function in new[] { "Node", "Python", "Dotnet", "Java", "Ruby", "Provided" })
        {
            var cold = new List<double>();
            var init = new List<double>();
            for (var i = 0; i < settings.ColdStarts; i++)
            {
                await engine.StopEnvironmentsAsync(function);
                var start = Stopwatch.GetTimestamp();
                var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = BenchmarkFunctions.EmptyEvent });
                cold.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (result.FunctionError is not null) throw new InvalidOperationException($"{function}: {System.Text.Encoding.UTF8.GetString(result.Payload.Span)}");
                init.Add(result.Metrics?.InitDurationMs ?? 0);
            }
            var warm = new List<double>();
            for (var i = 0; i < warmInvokes; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await engine.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = BenchmarkFunctions.EmptyEvent });
                warm.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var runtime = engine.Catalog.Functions.First(f => f.FunctionName == function).Runtime;
            var warmStats = new Stats(warm.Skip(warm.Count / 5)); // past the JIT's warm-up (the JVM's and ours)
            report.Add(section, $"{function} ({runtime}): cold invoke p50 (Init Duration p50)", $"{Report.Ms(new Stats(cold).P50)} ({Report.Ms(new Stats(init).P50)})", $"{cold.Count} cold starts");
            report.Add(section, $"{function} ({runtime}): warm invoke p50 / p99", $"{Report.Ms(warmStats.P50)} / {Report.Ms(warmStats.P99)}", $"{warmStats.Count} back-to-back invokes after {warm.Count - warmStats.Count}");
        }
        // For scale: what starting each toolchain costs by itself (node's and python's are in the cold-start rows).
        report.Add(section, "dotnet --version (bare start, for scale): p50", Report.Ms(ColdStartBenchmark.BareStart("dotnet", "--version")));
        report.Add(section, "java -version (bare start, for scale): p50", Report.Ms(ColdStartBenchmark.BareStart("java", "-version")));
        report.Add(section, "ruby -e '' (bare start, for scale): p50", Report.Ms(ColdStartBenchmark.BareStart("ruby", "-e", "")));
    }
}
