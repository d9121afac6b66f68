using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Engine.Isolation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>External extensions from a layer's extensions/ folder, run through Lambda's phases over the real Extensions API.</summary>
public sealed class ExtensionTests
{
    private static FunctionConfiguration WithExtension(params string[] layers) =>
        TestFunctions.Managed("Extended", "nodejs22.x", "extensions/function", "index.handler") with
        {
            Layers = [.. layers.Select(layer => new LayerConfiguration(layer, Path.Combine(TestFunctions.FunctionsDirectory, "extensions", layer)))],
        };

    [Fact]
    public async Task AnExtensionTakesPartInInitInvokeAndShutdown()
    {
        var test = new TestEngine(WithExtension("bash"));
        try
        {
            // The caller has its answer as soon as the runtime responds; the extension's 200 ms come after.
            var first = await test.InvokeAsync("Extended", waitForReport: false);
            Assert.True(first.FunctionError is null, first.Text());
            Assert.Empty(first.Json().GetProperty("recorded").EnumerateArray());

            var registered = Assert.Single(test.Of<PlatformExtension>());
            Assert.Equal(("bash-extension", "INVOKE,SHUTDOWN"), (registered.Name, string.Join(",", registered.Events)));
            Assert.Contains(test.Of<ExtensionLog>(), l => l.Extension == "bash-extension" && l.Message.Contains("init"));
            Assert.Equal(["bash-extension"], test.Engine.ListEnvironments().Single().Extensions);

            // The environment freezes only once the extension is done with the invoke: its line comes before the freeze.
            await test.WaitForAsync<EnvironmentFrozen>();
            var lines = test.Events.ToList();
            var done = lines.FindIndex(e => e is ExtensionLog { Message: var m } && m.Contains($"done with {first.RequestId}"));
            Assert.True(done >= 0 && done < lines.FindIndex(e => e is EnvironmentFrozen), string.Join('\n', test.TextLines()));
            // platform.runtimeDone is the runtime's time; the REPORT counts the extension's time after it.
            var runtimeDone = test.Of<PlatformRuntimeDone>().Single();
            var report = test.Of<PlatformReport>().Single();
            Assert.True(report.Metrics.DurationMs >= runtimeDone.DurationMs + 150, $"{report.Metrics.DurationMs} vs {runtimeDone.DurationMs}");

            // The next invoke sees what the extension did for the first one (its /tmp is the environment's).
            var second = await test.InvokeAsync("Extended");
            Assert.Equal(first.EnvironmentId, second.EnvironmentId);
            Assert.Equal($"invoke {first.RequestId}", second.Json().GetProperty("recorded")[0].GetString());
        }
        finally
        {
            await test.DisposeAsync();
        }
        // Shutdown: SHUTDOWN to the extension, which says so and exits, before the environment is gone.
        var shutdown = test.Events.ToList().FindIndex(e => e is ExtensionLog { Message: var m } && m.Contains("shutdown") && m.Contains("spindown"));
        Assert.True(shutdown >= 0, string.Join('\n', test.TextLines()));
        Assert.True(shutdown < test.Events.ToList().FindIndex(e => e is EnvironmentRetired));
    }

    [Fact]
    public async Task ATelemetryApiSubscriberGetsTheEnvironmentsRecordsAndAPythonExtensionRunsBesideIt()
    {
        await using var test = new TestEngine(WithExtension("telemetry", "python"));
        // sandbox.localdomain is the environment's loopback only where it has its own mount namespace (/etc/hosts).
        Assert.True(test.Engine.Isolation.PrivateTmp && DevTools.Engine.Isolation.LambdaLayout.Available, "this test needs root (a private mount namespace per environment)");
        var first = await test.InvokeAsync("Extended");
        Assert.True(first.FunctionError is null, first.Text());
        Assert.Equal(["python-extension", "telemetry-extension"], test.Engine.ListEnvironments().Single().Extensions.Order());
        var subscription = Assert.Single(test.Of<PlatformTelemetrySubscription>());
        Assert.Equal(("telemetry-extension", "platform,function"), (subscription.Name, string.Join(",", subscription.Types)));
        Assert.Contains(test.Of<ExtensionLog>(), l => l.Extension == "python-extension" && l.Message == $"[python-extension] invoke {first.RequestId}");

        // The first invoke's records reach the listener while the environment runs (batched; never while it is frozen).
        List<(string Type, string? RequestId)> records = [];
        Assert.True(await Poll.UntilAsync(async () =>
        {
            var seen = (await test.InvokeAsync("Extended")).Json().GetProperty("telemetry").EnumerateArray()
                .Select(r => (r.GetProperty("type").GetString()!, r.GetProperty("requestId").GetString())).ToList();
            records = seen;
            return seen.Contains(("platform.report", first.RequestId));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)), string.Join('\n', records));

        string[] expected = ["platform.initStart", "platform.initRuntimeDone", "platform.initReport", "platform.start", "function", "platform.runtimeDone", "platform.report"];
        var order = expected.Select(type => records.FindIndex(r => r.Type == type && (r.RequestId == first.RequestId || type.StartsWith("platform.init") || type == "function"))).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), string.Join('\n', records));
    }

    /// <summary>The agent extension on a fixed port of the environment's loopback (as vendors' agents listen on 8126, 4317...).</summary>
    private static FunctionConfiguration WithAgent(int port, params string[] layers) =>
        WithExtension([.. layers, "agent"]) with { Environment = new Dictionary<string, string> { ["AGENT_PORT"] = port.ToString() } };

    /// <summary>Two environments of the function at once: the first is held busy while the second one starts.</summary>
    private static async Task<(InvokeResult First, InvokeResult Second)> TwoEnvironmentsAsync(TestEngine test, object secondPayload)
    {
        var busy = test.InvokeAsync("Extended", new { sleepMs = 1500, askAgent = true });
        await test.WaitForAsync<PlatformStart>();
        // An answer within seconds, whatever it is: never a hang.
        var second = await test.InvokeAsync("Extended", secondPayload).WaitAsync(TimeSpan.FromSeconds(20));
        return (await busy, second);
    }

    [Fact]
    public async Task EachEnvironmentHasItsOwnLoopbackSoExtensionsOnFixedPortsRunInTwoEnvironmentsAtOnce()
    {
        await using var test = new TestEngine(WithAgent(8126, "telemetry"));
        Assert.True(test.Engine.Isolation.Network == NetworkModes.Namespace,
            "this test needs a network namespace per environment (root and slirp4netns): " + string.Join("; ", test.Engine.Isolation.Capabilities.Notes));

        var (first, second) = await TwoEnvironmentsAsync(test, new { askAgent = true });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.True(second.FunctionError is null, second.Text());
        Assert.NotEqual(first.EnvironmentId, second.EnvironmentId);
        // Each function reached its own environment's agent at 127.0.0.1:8126.
        var agents = new[] { first, second }.Select(r => r.Json().GetProperty("agent").GetString()).ToList();
        Assert.All(agents, agent => Assert.StartsWith("agent ", agent));
        Assert.NotEqual(agents[0], agents[1]);
        Assert.Equal(2, test.Of<PlatformTelemetrySubscription>().Count());

        // Each Telemetry API listener (sandbox.localdomain:4243 in both) gets its own environment's records, and only those.
        Dictionary<string, List<(string Type, string? RequestId)>> seen = [];
        bool Delivered(InvokeResult result) =>
            seen.TryGetValue(result.EnvironmentId!, out var records) && records.Contains(("platform.report", result.RequestId));
        Assert.True(await Poll.UntilAsync(async () =>
        {
            // Both environments busy at once: one invoke reaches each.
            var results = await Task.WhenAll(test.InvokeAsync("Extended", new { sleepMs = 200 }), test.InvokeAsync("Extended", new { sleepMs = 200 }));
            foreach (var result in results)
                seen[result.EnvironmentId!] = result.Json().GetProperty("telemetry").EnumerateArray()
                    .Select(r => (r.GetProperty("type").GetString()!, r.GetProperty("requestId").GetString())).ToList();
            return Delivered(first) && Delivered(second);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)), string.Join('\n', seen.Select(s => $"{s.Key}: {string.Join(' ', s.Value)}")));
        Assert.DoesNotContain(seen[first.EnvironmentId!], r => r.RequestId == second.RequestId);
        Assert.DoesNotContain(seen[second.EnvironmentId!], r => r.RequestId == first.RequestId);
    }

    [Theory]
    [InlineData(IsolationMode.ProcessGroup, false)]
    [InlineData(IsolationMode.Best, true)]
    public async Task OnTheMachinesNetworkASecondEnvironmentsPortConflictIsItsExtensionsErrorNotAHang(IsolationMode mode, bool sharedNetwork)
    {
        var port = FreePort(); // fixed for the function's environments, free on this machine now
        await using var test = new TestEngine(TestFunctions.Catalog(WithAgent(port)), new EngineOptions { WatchCode = false, Isolation = mode, SharedNetwork = sharedNetwork });
        Assert.Equal(NetworkModes.Shared, test.Engine.Isolation.Network);

        var (first, second) = await TwoEnvironmentsAsync(test, new { });

        Assert.True(first.FunctionError is null, first.Text());
        Assert.StartsWith("agent ", first.Json().GetProperty("agent").GetString());
        Assert.Equal("Extension.Crash", second.ErrorType);
        Assert.Contains("Extension agent-extension exited with exit status 1 during init", second.Text());
        Assert.Contains(test.Of<ExtensionLog>(), l => l.EnvironmentId == second.EnvironmentId
            && l.Message.Contains($"cannot listen on 127.0.0.1:{port}") && l.Message.Contains("Address already in use"));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task AnExtensionThatDiesDuringInitFailsTheInit()
    {
        await using var test = new TestEngine(WithExtension("crash"));
        var result = await test.InvokeAsync("Extended");
        Assert.Equal("Extension.Crash", result.ErrorType);
        Assert.Contains("crashing-extension", result.Text());
        Assert.Equal(PlatformStatus.Error, test.Of<PlatformInitReport>().Single().Status);
    }

    [Fact]
    public async Task AnExtensionThatDiesDuringAnInvokeResetsTheEnvironmentAfterTheCallerHasItsAnswer()
    {
        await using var test = new TestEngine(WithExtension("crash-on-invoke"));
        var result = await test.InvokeAsync("Extended");
        Assert.True(result.FunctionError is null, result.Text()); // the runtime answered: that is the caller's answer
        var report = test.Of<PlatformReport>().Single();
        Assert.Equal((PlatformStatus.Error, "Extension.Crash"), (report.Status, report.ErrorType));
        Assert.Equal(EnvironmentReason.Crash, (await test.WaitForAsync<EnvironmentReset>()).Reason);

        // The next invoke re-inits the environment, extension included.
        var next = await test.InvokeAsync("Extended");
        Assert.Equal(result.EnvironmentId, next.EnvironmentId);
        Assert.True(next.ColdStart);
        Assert.Equal(2, test.Of<PlatformExtension>().Count());
    }

    [Fact]
    public async Task AnInitErrorAnExtensionReportsIsTheInvokesError()
    {
        await using var test = new TestEngine(WithExtension("init-error"));
        var result = await test.InvokeAsync("Extended");
        Assert.Equal("Extension.ConfigInvalid", result.ErrorType);
        Assert.Contains(test.Of<EnvironmentReset>(), r => r.Reason == EnvironmentReason.InitFailed);
    }

    [Fact]
    public async Task AResetIsAShutdownForTheExtensionsWithItsReason()
    {
        await using var test = new TestEngine(WithExtension("bash") with { TimeoutSeconds = 1 });
        var result = await test.InvokeAsync("Extended", new { sleepMs = 3000 });
        Assert.Equal("Sandbox.Timedout", result.ErrorType);

        // The runtime is stopped first; then the extension hears of the reset as a SHUTDOWN with the reason, before it ends.
        var reset = await test.WaitForAsync<EnvironmentReset>();
        var events = test.Events.ToList();
        var shutdown = events.FindIndex(e => e is ExtensionLog { Message: var m } && m.Contains("shutdown") && m.Contains("\"shutdownReason\":\"timeout\""));
        Assert.True(shutdown >= 0 && shutdown < events.IndexOf(reset), string.Join('\n', test.TextLines()));
        Assert.Empty(test.Of<ExtensionShutdownFailed>());

        // The next invoke starts runtime and extension again.
        var next = await test.InvokeAsync("Extended");
        Assert.True(next.ColdStart && next.FunctionError is null, next.Text());
        Assert.Equal(2, test.Of<PlatformExtension>().Count());
    }

    [Fact]
    public async Task ExtensionsThatCrashOrHangAtShutdownAreReportedAndNoneIsLeftRunning()
    {
        var test = new TestEngine(WithExtension("shutdown-failures"));
        int stuckPid;
        try
        {
            var result = await test.InvokeAsync("Extended");
            Assert.True(result.FunctionError is null, result.Text());
            stuckPid = int.Parse(test.Of<ExtensionLog>().Single(l => l.Message.StartsWith("[stuck-at-shutdown] pid ")).Message.Split(' ')[^1]);
        }
        finally
        {
            await test.DisposeAsync();
        }

        var failures = test.Of<ExtensionShutdownFailed>().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([("crash-at-shutdown", "Extension.Crash"), ("stuck-at-shutdown", "Extension.ShutdownTimeout")], failures.Select(f => (f.Name, f.ErrorType)));
        Assert.All(failures, f => Assert.Equal("spindown", f.Reason));
        Assert.Contains("exit status 3", failures[0].Detail);
        Assert.Contains(test.TextLines(), l => l.StartsWith("EXTENSION\tName: stuck-at-shutdown\tState: ShutdownFailed\tReason: spindown\tError Type: Extension.ShutdownTimeout"));
        Assert.False(Directory.Exists($"/proc/{stuckPid}"), $"the extension that ignored SHUTDOWN (pid {stuckPid}) is still running");
    }

    [Fact]
    public async Task TheReportCarriesTheExtensionsTimeAfterTheRuntimeAsASpan()
    {
        await using var test = new TestEngine(WithExtension("bash"));
        await test.InvokeAsync("Extended");
        var report = test.Of<PlatformReport>().Single();
        var span = Assert.IsType<TelemetrySpan>(report.ExtensionOverhead);
        Assert.Equal("extensionOverhead", span.Name);
        Assert.InRange(span.DurationMs, 150, report.Metrics.DurationMs); // the bash extension's 200 ms after the runtime's answer
        Assert.Contains("\"spans\":[{\"name\":\"extensionOverhead\",\"start\":\"", LifecycleEventJson.ToJson(report));
    }
}
