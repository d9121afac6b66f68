using System.Diagnostics;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>
/// Requests through the HTTP front ends: <c>devtools start-api</c> (isolation and freezing on) and serverless-offline's
/// HTTP emulation (<c>--useInProcess</c>, its fastest), the same handler behind a REST route, sequential and with 16
/// concurrent keep-alive clients, in interleaved rounds reported by their median.
/// </summary>
internal sealed class ApiBenchmark(Report report, Settings settings)
{
    private const int ConcurrentClients = 16;
    private static readonly TimeSpan ConcurrentDuration = TimeSpan.FromSeconds(5);

    public async Task RunAsync()
    {
        const string section = "HTTP front end (start-api)";
        const int rounds = 3;
        var ours = new List<(SequentialRun Sequential, ConcurrentRun Concurrent)>();
        var peer = new List<(SequentialRun Sequential, ConcurrentRun Concurrent)>();
        for (var round = 0; round < rounds; round++)
        {
            ours.Add(await MeasureOursAsync());
            if (settings.PeersDirectory is { } peers) peer.Add(await MeasureServerlessOfflineAsync(peers));
        }
        static T Median<T>(IEnumerable<T> runs, Func<T, double> key) => runs.OrderBy(key).ElementAt(runs.Count() / 2);

        var ourSequential = Median(ours.Select(r => r.Sequential), r => r.PerSecond);
        var ourConcurrent = Median(ours.Select(r => r.Concurrent), r => r.PerSecond);
        report.Add(section, "Lambda DevTools start-api, sequential: p50 / throughput", $"{Report.Ms(ourSequential.Stats.P50)} / {Report.Rate(ourSequential.PerSecond)}",
            $"{ourSequential.Stats.Count} requests, {ourSequential.Errors} errors; rounds: {string.Join(", ", ours.Select(r => Report.Rate(r.Sequential.PerSecond)))}");
        report.Add(section, $"Lambda DevTools start-api, {ConcurrentClients} clients: p50 / throughput", $"{Report.Ms(ourConcurrent.Stats.P50)} / {Report.Rate(ourConcurrent.PerSecond)}",
            $"{ourConcurrent.Stats.Count} requests, {ourConcurrent.Errors} errors (--concurrency {ConcurrentClients})");
        if (peer.Count == 0) return;

        var peerSequential = Median(peer.Select(r => r.Sequential), r => r.PerSecond);
        var peerConcurrent = Median(peer.Select(r => r.Concurrent), r => r.PerSecond);
        report.Add(section, "serverless-offline 13.10.1 (--useInProcess), sequential: p50 / throughput", $"{Report.Ms(peerSequential.Stats.P50)} / {Report.Rate(peerSequential.PerSecond)}",
            $"{peerSequential.Stats.Count} requests, {peerSequential.Errors} errors; rounds: {string.Join(", ", peer.Select(r => Report.Rate(r.Sequential.PerSecond)))}");
        report.Add(section, $"serverless-offline 13.10.1 (--useInProcess), {ConcurrentClients} clients: p50 / throughput", $"{Report.Ms(peerConcurrent.Stats.P50)} / {Report.Rate(peerConcurrent.PerSecond)}",
            $"{peerConcurrent.Stats.Count} requests, {peerConcurrent.Errors} errors");
        report.Target("start-api requests per second ≥ 2× serverless-offline's HTTP, sequential",
            $"{ourSequential.PerSecond / peerSequential.PerSecond:0.00}×", ourSequential.PerSecond >= 2 * peerSequential.PerSecond);
        report.Target($"start-api requests per second ≥ 2× serverless-offline's HTTP, {ConcurrentClients} concurrent clients",
            $"{ourConcurrent.PerSecond / peerConcurrent.PerSecond:0.00}×", ourConcurrent.PerSecond >= 2 * peerConcurrent.PerSecond);
    }

    private async Task<(SequentialRun, ConcurrentRun)> MeasureOursAsync()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.Start("dotnet",
            [settings.CliDll, "start-api", "-t", "template.yaml", "-p", port.ToString(), "--url-port", "0", "--concurrency", ConcurrentClients.ToString(), .. settings.EngineArguments],
            BenchmarkFunctions.FunctionsDirectory);
        await server.WaitForPortAsync("127.0.0.1", port, TimeSpan.FromSeconds(30));
        return await MeasureAsync("127.0.0.1", port, "/bench");
    }

    private async Task<(SequentialRun, ConcurrentRun)> MeasureServerlessOfflineAsync(string peers)
    {
        var service = Path.Combine(peers, "service");
        Directory.CreateDirectory(Path.Combine(service, "node"));
        File.Copy(Path.Combine(BenchmarkFunctions.FunctionsDirectory, "serverless.yml"), Path.Combine(service, "serverless.yml"), overwrite: true);
        foreach (var file in (string[])["handler.js", "api.js"])
            File.Copy(Path.Combine(BenchmarkFunctions.FunctionsDirectory, "node", file), Path.Combine(service, "node", file), overwrite: true);
        var lambdaPort = ServerProcess.FreePort();
        var httpPort = ServerProcess.FreePort();
        var cli = Path.Combine(peers, "node_modules", "serverless", "bin", "serverless.js");
        await using var server = ServerProcess.Start("node", [cli, "offline", "start", "--lambdaPort", lambdaPort.ToString(), "--httpPort", httpPort.ToString(), "--useInProcess"], service,
            new Dictionary<string, string> { ["SLS_TELEMETRY_DISABLED"] = "1", ["SLS_NOTIFICATIONS_MODE"] = "off" });
        await server.WaitForPortAsync("localhost", httpPort, TimeSpan.FromSeconds(60));
        return await MeasureAsync("localhost", httpPort, "/dev/bench"); // it mounts REST routes under the stage
    }

    private async Task<(SequentialRun, ConcurrentRun)> MeasureAsync(string host, int port, string path)
    {
        SequentialRun sequential;
        using (var client = new SequentialHttpClient(host, port, "GET", path, []))
            sequential = await Task.Run(() => client.Run(settings.Warmup, settings.WarmInvokes));

        // Concurrent: each client on its own thread and keep-alive connection, for a fixed time.
        var samples = new List<double>[ConcurrentClients];
        var errors = new int[ConcurrentClients];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(ConcurrentDuration.TotalSeconds * Stopwatch.Frequency);
        var threads = Enumerable.Range(0, ConcurrentClients).Select(i => new Thread(() =>
        {
            using var client = new SequentialHttpClient(host, port, "GET", path, []);
            samples[i] = [];
            for (var w = 0; w < 5; w++) client.Send();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var begun = Stopwatch.GetTimestamp();
                if (client.Send()) samples[i].Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                else errors[i]++;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = samples.SelectMany(s => s).ToList();
        return (sequential, new ConcurrentRun(new Stats(all), all.Count / seconds, errors.Sum()));
    }
}

/// <summary>A fixed-time run of concurrent clients: their latencies, the total rate, and the errors.</summary>
internal sealed record ConcurrentRun(Stats Stats, double PerSecond, int Errors);
