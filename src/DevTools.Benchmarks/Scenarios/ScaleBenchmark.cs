using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>Many clients at once against one start-lambda: throughput, tail latency, environments, engine memory.</summary>
internal sealed class ScaleBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Scale (concurrent clients, 20 ms handler, 8 s measured per level after a staggered ramp-up)";
        foreach (var clients in settings.ScaleClients)
        {
            var port = ServerProcess.FreePort();
            await using var server = await BenchmarkFunctions.StartLambdaAsync(settings.CliDll, port, ["--concurrency", clients.ToString(), .. settings.EngineArguments]);
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { sleepMs = 20 });
            var samples = new ConcurrentBag<double>();
            var errors = 0;
            var coldErrors = 0;
            // Ramp up: every client's first (cold) invoke, staggered, as traffic would arrive, each lasting until the ramp
            // ends so that none can reuse another's environment; the measured phase then runs on one warm environment per
            // client. (Ramp-up invokes that overlap nothing would leave most of the level's cold starts to its measured phase.)
            const int staggerMs = 40;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
            {
                await Task.Delay(i * staggerMs);
                using var client = new InvokeClient($"http://127.0.0.1:{port}", "Node");
                var untilRampEnds = JsonSerializer.SerializeToUtf8Bytes(new { sleepMs = (clients - i) * staggerMs + 200 });
                if (await client.InvokeAsync(untilRampEnds) < 0) Interlocked.Increment(ref coldErrors);
            }));
            // A fixed measured time, not a fixed count: a short phase would measure its own start and stragglers.
            var start = Stopwatch.GetTimestamp();
            var stopAt = start + (long)(settings.ScaleSeconds * Stopwatch.Frequency);
            var invokes = 0;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                using var client = new InvokeClient($"http://127.0.0.1:{port}", "Node");
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    Interlocked.Increment(ref invokes);
                    var ms = await client.InvokeAsync(payload);
                    if (ms < 0) Interlocked.Increment(ref errors);
                    else samples.Add(ms);
                }
            }));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var stats = new Stats(samples);
            var environments = server.Output().Count(l => l.Contains(" created for Node"));
            var rss = server.RssMb();
            report.Add(section, $"{clients} clients: throughput, p99, errors", $"{Report.Rate(invokes / seconds)}",
                $"p99 {Report.Ms(stats.P99)}, {errors} errors, {environments} environments, engine RSS {Report.Mb(rss)} (ramp-up: {coldErrors} errors in {clients} cold starts)");
            if (clients == settings.ScaleClients.Max())
            {
                report.Target($"{clients} concurrent environments without errors", $"{environments} environments, {errors} errors", errors == 0 && environments >= clients);
                report.Target("Engine memory ≤ 100 MB + 1 MB per environment", $"{Report.Mb(rss)} for {environments} environments", rss <= 100 + environments);
            }
        }
    }
}
