using System.Diagnostics;
using DevTools.Client;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>The JSON-RPC path (what the VS Code extension and PowerShell use): connect-or-start a backend, then warm invokes.</summary>
internal sealed class JsonRpcBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "JSON-RPC backend";
        var startups = new List<double>();
        const int starts = 7;
        for (var i = 0; i < starts; i++)
        {
            // Connect-or-start with nothing running: starting `devtools serve` until its first answer.
            var start = Stopwatch.GetTimestamp();
            using var fresh = await ConnectOrStartAsync();
            await fresh.GetEngineInfoAsync();
            startups.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await fresh.ShutdownAsync();
            await Task.Delay(500); // let it go before the next cold start
        }
        var startup = new Stats(startups);
        report.Add(section, "serve: start → first request answered: p50", Report.Ms(startup.P50), $"connect-or-start with no backend running, {starts} starts");
        report.Target("Backend ready ≤ 300 ms after start", Report.Ms(startup.P50), startup.P50 <= 300);

        using var client = await ConnectOrStartAsync();
        var samples = new List<double>();
        for (var i = 0; i < settings.Warmup + settings.WarmInvokes; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.InvokeAsync("Node", "{}");
            if (i >= settings.Warmup) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var stats = new Stats(samples);
        report.Add(section, "lambda/invoke over the workspace socket: p50 / p99", $"{Report.Ms(stats.P50)} / {Report.Ms(stats.P99)}", $"{stats.Count} invokes; the result carries the REPORT's metrics");
        await client.ShutdownAsync();
    }

    private Task<DevToolsClient> ConnectOrStartAsync() => DevToolsClient.ConnectOrStartAsync(new ClientOptions
    {
        Workspace = BenchmarkFunctions.FunctionsDirectory,
        StartCommand = new BackendStartCommand("dotnet", settings.CliDll),
        ServeArguments = ["--idle-timeout", "30"],
    });
}
