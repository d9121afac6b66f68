using System.Diagnostics;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>From starting the server process to its first answered invoke.</summary>
internal sealed class StartupBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Start-up";
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var port = ServerProcess.FreePort();
            var start = Stopwatch.GetTimestamp();
            await using var server = await BenchmarkFunctions.StartLambdaAsync(settings.CliDll, port, []);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var stats = new Stats(samples);
        report.Add(section, "start-lambda: process start → listening: p50", Report.Ms(stats.P50), "5 starts");
    }
}
