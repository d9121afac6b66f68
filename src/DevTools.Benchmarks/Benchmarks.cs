using System.Diagnostics;
using System.Text.Json;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Benchmarks;

/// <summary>Each measurement of the suite. Our servers run as real processes from the Release build, like a user's.</summary>
internal sealed class Benchmarks(Report report, Settings settings)
{
    private static string FunctionsDirectory => Path.Combine(AppContext.BaseDirectory, "Functions");
    private static readonly byte[] EmptyEvent = "{}"u8.ToArray();
    private string CliDll => settings.CliDll;

    /// <summary>
    /// Warm, sequential invokes over the Invoke HTTP API: ours and serverless-offline in both modes, in interleaved
    /// rounds (one system's unlucky moment on a shared VM lands in one round), each reported by its median round.
    /// </summary>
    public async Task WarmHttpAsync()
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
        await using var server = ServerProcess.Start("dotnet", [CliDll, "start-lambda", "-t", "template.yaml", "-p", port.ToString(), .. settings.EngineArguments], FunctionsDirectory);
        await server.WaitForPortAsync("127.0.0.1", port, TimeSpan.FromSeconds(30));
        using var client = new SequentialHttpClient("127.0.0.1", port, "Node", EmptyEvent);
        return await Task.Run(() => client.Run(settings.Warmup, settings.WarmInvokes, new ProcessTreeCpu(server.Pid)));
    }

    private async Task<SequentialRun> MeasureServerlessOfflineAsync(string peers, string[] flags)
    {
        var service = Path.Combine(peers, "service");
        Directory.CreateDirectory(Path.Combine(service, "node"));
        File.Copy(Path.Combine(FunctionsDirectory, "serverless.yml"), Path.Combine(service, "serverless.yml"), overwrite: true);
        File.Copy(Path.Combine(FunctionsDirectory, "node", "handler.js"), Path.Combine(service, "node", "handler.js"), overwrite: true);
        var lambdaPort = ServerProcess.FreePort();
        var httpPort = ServerProcess.FreePort();
        var cli = Path.Combine(peers, "node_modules", "serverless", "bin", "serverless.js");
        await using var server = ServerProcess.Start("node", [cli, "offline", "start", "--lambdaPort", lambdaPort.ToString(), "--httpPort", httpPort.ToString(), .. flags], service,
            new Dictionary<string, string> { ["SLS_TELEMETRY_DISABLED"] = "1", ["SLS_NOTIFICATIONS_MODE"] = "off" });
        await server.WaitForPortAsync("localhost", lambdaPort, TimeSpan.FromSeconds(60));
        using var client = new SequentialHttpClient("localhost", lambdaPort, "bench-dev-trivial", EmptyEvent);
        return await Task.Run(() => client.Run(settings.Warmup, settings.WarmInvokes, new ProcessTreeCpu(server.Pid)));
    }

    /// <summary>The JSON-RPC path (what the VS Code extension and PowerShell use): connect-or-start a backend, then warm invokes.</summary>
    public async Task JsonRpcAsync()
    {
        const string section = "JSON-RPC backend";
        var startups = new List<double>();
        const int starts = 7;
        for (var i = 0; i < starts; i++)
        {
            // Connect-or-start with nothing running: starting `devtools serve` until its first answer.
            var start = Stopwatch.GetTimestamp();
            using var fresh = await Client.DevToolsClient.ConnectOrStartAsync(new Client.ClientOptions
            {
                Workspace = FunctionsDirectory,
                StartCommand = new Client.BackendStartCommand("dotnet", CliDll),
                ServeArguments = ["--idle-timeout", "30"],
            });
            await fresh.GetEngineInfoAsync();
            startups.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await fresh.ShutdownAsync();
            await Task.Delay(500); // let it go before the next cold start
        }
        var startup = new Stats(startups);
        report.Add(section, "serve: start → first request answered: p50", Report.Ms(startup.P50), $"connect-or-start with no backend running, {starts} starts");
        report.Target("Backend ready ≤ 300 ms after start", Report.Ms(startup.P50), startup.P50 <= 300);

        using var client = await Client.DevToolsClient.ConnectOrStartAsync(new Client.ClientOptions
        {
            Workspace = FunctionsDirectory,
            StartCommand = new Client.BackendStartCommand("dotnet", CliDll),
            ServeArguments = ["--idle-timeout", "30"],
        });
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

    /// <summary>The PowerShell path: a warm Invoke-LocalFunction in an already-loaded pwsh (powershell/bench/Measure-Invoke.ps1).</summary>
    public async Task PowerShellAsync()
    {
        const string section = "PowerShell module";
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var script = Path.Combine(root, "powershell", "bench", "Measure-Invoke.ps1");
        if (!File.Exists(script)) return;
        var psi = new ProcessStartInfo("dotnet", ["pwsh", "-NoProfile", "-File", script, "-Count", settings.WarmInvokes.ToString(), "-Json"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || json is null)
        {
            report.Add(section, "Invoke-LocalFunction", "not measured", "the script failed: " + (await process.StandardError.ReadToEndAsync()).Split('\n').FirstOrDefault());
            return;
        }
        using var document = JsonDocument.Parse(json);
        string Figure(string name) =>
            $"{Report.Ms(document.RootElement.GetProperty(name).GetProperty("p50").GetDouble())} / {Report.Ms(document.RootElement.GetProperty(name).GetProperty("p99").GetDouble())}";
        report.Add(section, "warm Invoke-LocalFunction, wall time: p50 / p99", Figure("cmdletWallMs"), $"{settings.WarmInvokes} invokes of NodeCjsFunction in one loaded pwsh");
        report.Add(section, "of which the function itself (REPORT Duration): p50 / p99", Figure("functionDurationMs"));
        report.Add(section, "beyond the function (cmdlet + backend + socket): p50 / p99", Figure("cmdletOverheadMs"));
        report.Add(section, "beyond the function, client library without the cmdlet: p50 / p99", Figure("libraryOverheadMs"));
    }

    /// <summary>The engine's own share of a warm invoke, and the freeze/thaw cost, measured in-process from the engine's checkpoints.</summary>
    public async Task EngineOverheadAsync()
    {
        const string section = "Engine overhead (warm)";
        await using var engine = NewEngine(out var events);
        var requestToEvent = new List<double>();
        var responseToReply = new List<double>();
        for (var i = 0; i < settings.Warmup + settings.WarmInvokes; i++)
        {
            // The pause a client's round trip gives (under the 1 ms freeze delay): an in-process caller is faster than the
            // runtime's return to /next, and waiting for that return is the runtime's time, not the engine's.
            SpinFor(TimeSpan.FromMilliseconds(0.3));
            var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = "Node", Payload = "{}"u8.ToArray() });
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
            await engine.InvokeAsync(new InvokeRequest { FunctionName = "Node", Payload = "{}"u8.ToArray() });
        }
        var thaws = new Stats(events.OfType<EnvironmentThawed>().Select(e => e.ThawMs));
        var freezes = new Stats(events.OfType<EnvironmentFrozen>().Select(e => e.FreezeMs));
        report.Add(section, $"thaw ({engine.Isolation.Level}): p50 / p99", $"{Report.Ms(thaws.P50)} / {Report.Ms(thaws.P99)}", "on the caller's path");
        report.Add(section, $"freeze ({engine.Isolation.Level}): p50 / p99", $"{Report.Ms(freezes.P50)} / {Report.Ms(freezes.P99)}", "after the caller has its answer");
        report.Target("Engine overhead p50 ≤ 0.15 ms", Report.Ms(overhead.P50), overhead.P50 <= 0.15);
    }

    /// <summary>Cold starts per runtime: what the engine adds, the whole cold invoke, and a bare interpreter start for scale.</summary>
    public async Task ColdStartAsync()
    {
        const string section = "Cold start";
        await using var engine = NewEngine(out _);
        var engineAdded = new List<double>();
        foreach (var function in new[] { "Node", "Python", "Provided" })
        {
            var whole = new List<double>();
            for (var i = 0; i < settings.ColdStarts; i++)
            {
                await engine.StopEnvironmentsAsync(function);
                var start = Stopwatch.GetTimestamp();
                var result = await engine.InvokeAsync(new InvokeRequest { FunctionName = function, Payload = "{}"u8.ToArray() });
                whole.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (result.Timestamps is { ProcessStarted: > 0, InitDone: > 0 } t)
                    engineAdded.Add(Stopwatch.GetElapsedTime(t.Accepted, t.ProcessStarted).TotalMilliseconds + Stopwatch.GetElapsedTime(t.InitDone, t.Delivered).TotalMilliseconds);
            }
            report.Add(section, $"{function}: whole cold invoke p50", Report.Ms(new Stats(whole).P50), $"{whole.Count} cold starts");
        }
        report.Add(section, "node -e '' (bare start, for scale): p50", Report.Ms(BareStart("node", "-e", "")));
        report.Add(section, "python3 -c '' (bare start, for scale): p50", Report.Ms(BareStart("python3", "-c", "")));
        var added = new Stats(engineAdded);
        report.Add(section, "engine-added (request in → process started, + first /next → event out): p50 / p99", $"{Report.Ms(added.P50)} / {Report.Ms(added.P99)}", $"sandbox: {engine.Isolation.Level}, /tmp {engine.Isolation.Tmp}");
        report.Target("Engine-added cold-start overhead ≤ 10 ms p50", Report.Ms(added.P50), added.P50 <= 10);
    }

    /// <summary>Many clients at once against one start-lambda: throughput, tail latency, environments, engine memory.</summary>
    public async Task ScaleAsync()
    {
        const string section = "Scale (concurrent clients, 20 ms handler, 8 s measured per level after a staggered ramp-up)";
        foreach (var clients in settings.ScaleClients)
        {
            var port = ServerProcess.FreePort();
            await using var server = ServerProcess.Start("dotnet",
                [CliDll, "start-lambda", "-t", "template.yaml", "-p", port.ToString(), "--concurrency", clients.ToString(), .. settings.EngineArguments], FunctionsDirectory);
            await server.WaitForPortAsync("127.0.0.1", port, TimeSpan.FromSeconds(30));
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { sleepMs = 20 });
            var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
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

    /// <summary>From starting the server process to its first answered invoke.</summary>
    public async Task StartupAsync()
    {
        const string section = "Start-up";
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var port = ServerProcess.FreePort();
            var start = Stopwatch.GetTimestamp();
            await using var server = ServerProcess.Start("dotnet", [CliDll, "start-lambda", "-t", "template.yaml", "-p", port.ToString()], FunctionsDirectory);
            await server.WaitForPortAsync("127.0.0.1", port, TimeSpan.FromSeconds(30));
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var stats = new Stats(samples);
        report.Add(section, "start-lambda: process start → listening: p50", Report.Ms(stats.P50), "5 starts");
    }

    /// <summary>The full soak (`npm run soak`): prints what held; the reduced one runs in CI as an xUnit test.</summary>
    public async Task SoakAsync(int requests, int clients)
    {
        var options = new EngineOptions { WatchCode = false, ConcurrencyLimit = clients, AsyncRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)] };
        await using var engine = new LambdaEngine(Tests.Shared.TestFunctions.Catalog(Tests.Shared.TestFunctions.Probe()), options);
        var outcome = await new Tests.Shared.Soak(engine, "Probe").RunAsync(requests, clients, asyncShare: 0.3, killEveryRequests: 100,
            progress: Console.WriteLine);
        Console.WriteLine(outcome);
        var bounded = outcome.After.ChildProcesses == 0 && outcome.After.FileDescriptors <= outcome.Before.FileDescriptors + 16
            && outcome.After.Threads <= outcome.Before.Threads + 24 && outcome.After.ManagedBytes <= outcome.Before.ManagedBytes + 64L * 1024 * 1024;
        Console.WriteLine(outcome.AllAnsweredOnce && bounded ? "soak: held" : "soak: FAILED");
        if (!outcome.AllAnsweredOnce || !bounded) Environment.ExitCode = 1;
    }

    private static void SpinFor(TimeSpan pause)
    {
        var until = Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
    }

    private static LambdaEngine NewEngine(out System.Collections.Concurrent.ConcurrentQueue<LifecycleEvent> events)
    {
        var catalog = TemplateLoader.Load(Path.Combine(FunctionsDirectory, "template.yaml"), new TemplateOptions());
        var engine = new LambdaEngine(catalog, new EngineOptions { WatchCode = false });
        var queue = new System.Collections.Concurrent.ConcurrentQueue<LifecycleEvent>();
        engine.Events.Subscribe(e => { if (e is EnvironmentThawed or EnvironmentFrozen) queue.Enqueue(e); });
        events = queue;
        return engine;
    }

    private static double BareStart(string program, params string[] args)
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

internal sealed record Settings
{
    public string? PeersDirectory { get; init; }
    public int Warmup { get; init; } = 2000; // past tier-up: a server that stays up runs its steady-state code (so does V8)
    public int WarmInvokes { get; init; } = 5000;
    public int ColdStarts { get; init; } = 10;
    public int[] ScaleClients { get; init; } = [1, 16, 64, 256];
    public double ScaleSeconds { get; init; } = 8;

    /// <summary>Extra arguments for our server (e.g. --isolation process-group), to compare settings.</summary>
    public string[] EngineArguments { get; init; } = [];

    /// <summary>The CLI the servers run: the ReadyToRun build from bench.sh, else the one built next to the benchmarks.</summary>
    public string CliDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "devtools.dll");
}
