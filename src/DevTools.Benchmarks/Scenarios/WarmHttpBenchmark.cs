using System.Diagnostics;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>
/// Warm, sequential invokes over the Invoke HTTP API: ours and serverless-offline in both modes, in interleaved
/// rounds (one system's unlucky moment on a shared VM lands in one round), each reported by its median round.
/// </summary>
internal sealed class WarmHttpBenchmark(Report report, Settings settings)
{
    public async Task RunAsync()
    {
        const string section = "Warm invokes over HTTP";
        const int rounds = 3;
        (string Mode, string[] Flags)[] modes = settings.PeersDirectory is null ? [] : [("worker threads", []), ("--useInProcess", ["--useInProcess"])];
        var ourRuns = new List<SequentialRun>();
        var peerRuns = modes.ToDictionary(m => m.Mode, _ => new List<SequentialRun>());
        for (var round = 0; round < rounds; round++)
        {
            ourRuns.Add(await MeasureOursAsync());
            foreach (var (mode, flags) in modes) peerRuns[mode].Add(await MeasureServerlessOfflineAsync(settings.PeersDirectory!, flags));
        }
        static SequentialRun Median(List<SequentialRun> runs) => runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2);
        string Rates(List<SequentialRun> runs) => $"median of {rounds} rounds: {string.Join(", ", runs.Select(r => Report.Rate(r.PerSecond)))}";

        var ours = Median(ourRuns);
        report.Add(section, "Lambda DevTools start-lambda: p50 / p99", $"{Report.Ms(ours.Stats.P50)} / {Report.Ms(ours.Stats.P99)}", $"{ours.Stats.Count} invokes, {ours.Errors} errors");
        report.Add(section, "Lambda DevTools start-lambda: throughput", Report.Rate(ours.PerSecond), Rates(ourRuns));
        if (ours.CpuPerInvokeUs is { } ourCpu)
            report.Add(section, "Lambda DevTools start-lambda: CPU per invoke, engine + runtime", $"{ourCpu.Server:0} + {ourCpu.Descendants:0} µs",
                "user + system time of the engine process and of the runtime process, over the measured invokes");

        double? inProcessRate = null;
        foreach (var (mode, flags) in modes)
        {
            var peer = Median(peerRuns[mode]);
            report.Add(section, $"serverless-offline 13.10.1 ({mode}): p50 / p99", $"{Report.Ms(peer.Stats.P50)} / {Report.Ms(peer.Stats.P99)}", $"{peer.Stats.Count} invokes, {peer.Errors} errors");
            report.Add(section, $"serverless-offline 13.10.1 ({mode}): throughput", Report.Rate(peer.PerSecond), Rates(peerRuns[mode]));
            if (peer.CpuPerInvokeUs is { } peerCpu)
                report.Add(section, $"serverless-offline 13.10.1 ({mode}): CPU per invoke", $"{peerCpu.Server + peerCpu.Descendants:0} µs", "its whole process tree");
            if (flags.Length > 0) inProcessRate = peer.PerSecond;
        }
        // The physics under both: an invoke here crosses between processes four times (client → engine → runtime →
        // engine → client), an in-process emulator's twice; each crossing is half of this round trip.
        var roundTrip = LoopbackRoundTripMicroseconds();
        report.Add(section, "loopback TCP round trip between two processes (this machine): p50", roundTrip is { } us ? $"{us:0.0} µs" : "not measured",
            $"the floor: two of these per invoke here, one for an in-process emulator; {HaltPolling()}");

        if (inProcessRate is { } rate)
            report.Target("Warm sequential throughput ≥ 2× serverless-offline --useInProcess", $"{ours.PerSecond / rate:0.00}× ({Report.Rate(ours.PerSecond)} vs {Report.Rate(rate)})", ours.PerSecond >= 2 * rate);
        report.Target("Warm p50 end to end through the HTTP API ≤ 0.5 ms", Report.Ms(ours.Stats.P50), ours.Stats.P50 <= 0.5);
    }

    /// <summary>Whether an idle vCPU polls before it halts: off, every wake-up of a sleeping process goes through the hypervisor.</summary>
    private static string HaltPolling()
    {
        const string parameter = "/sys/module/haltpoll/parameters/guest_halt_poll_ns";
        if (!File.Exists(parameter)) return "no guest halt-polling driver";
        var ns = File.ReadAllText(parameter).Trim();
        return ns == "0" ? "guest halt polling off (guest_halt_poll_ns=0)" : $"guest halt polling up to {ns} ns";
    }

    private static double? LoopbackRoundTripMicroseconds()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Tools", "loopback-rtt.mjs");
        using var process = Process.Start(new ProcessStartInfo("node", [script, "5000"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && double.TryParse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var us) ? us : null;
    }

    private async Task<SequentialRun> MeasureOursAsync()
    {
        var port = ServerProcess.FreePort();
        await using var server = await BenchmarkFunctions.StartLambdaAsync(settings.CliDll, port, settings.EngineArguments);
        using var client = new SequentialHttpClient("127.0.0.1", port, "Node", BenchmarkFunctions.EmptyEvent);
        return await Task.Run(() => client.Run(settings.Warmup, settings.WarmInvokes, new ProcessTreeCpu(server.Pid)));
    }

    private async Task<SequentialRun> MeasureServerlessOfflineAsync(string peers, string[] flags)
    {
        var service = Path.Combine(peers, "service");
        Directory.CreateDirectory(Path.Combine(service, "node"));
        File.Copy(Path.Combine(BenchmarkFunctions.FunctionsDirectory, "serverless.yml"), Path.Combine(service, "serverless.yml"), overwrite: true);
        File.Copy(Path.Combine(BenchmarkFunctions.FunctionsDirectory, "node", "handler.js"), Path.Combine(service, "node", "handler.js"), overwrite: true);
        var lambdaPort = ServerProcess.FreePort();
        var httpPort = ServerProcess.FreePort();
        var cli = Path.Combine(peers, "node_modules", "serverless", "bin", "serverless.js");
        await using var server = ServerProcess.Start("node", [cli, "offline", "start", "--lambdaPort", lambdaPort.ToString(), "--httpPort", httpPort.ToString(), .. flags], service,
            new Dictionary<string, string> { ["SLS_TELEMETRY_DISABLED"] = "1", ["SLS_NOTIFICATIONS_MODE"] = "off" });
        await server.WaitForPortAsync("localhost", lambdaPort, TimeSpan.FromSeconds(60));
        using var client = new SequentialHttpClient("localhost", lambdaPort, "bench-dev-trivial", BenchmarkFunctions.EmptyEvent);
        return await Task.Run(() => client.Run(settings.Warmup, settings.WarmInvokes, new ProcessTreeCpu(server.Pid)));
    }
}
