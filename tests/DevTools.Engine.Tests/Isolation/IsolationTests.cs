using System.Net;
using System.Net.Sockets;
using DevTools.Engine.Runtimes;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Isolation;

/// <summary>
/// Environments under their limits, on real processes, at one isolation level. The same tests run
/// at the strongest level this machine allows and at the process-group fallback; a test is skipped
/// only when its mechanism is absent at that level, and says why.
/// </summary>
public abstract class IsolationTests
{
    protected abstract IsolationMode Mode { get; }

    protected TestEngine Engine(params DevTools.Engine.Catalog.FunctionConfiguration[] functions) => Engine(TimeSpan.FromSeconds(2), functions);

    /// <summary>A grace period longer than Lambda's 300 ms, so a loaded CI machine still sees the runtime handle SIGTERM.</summary>
    protected TestEngine Engine(TimeSpan shutdownGrace, params DevTools.Engine.Catalog.FunctionConfiguration[] functions) =>
        new(TestFunctions.Catalog(functions), new EngineOptions { WatchCode = false, Isolation = Mode, ShutdownGrace = shutdownGrace });

    protected static IsolationPlan PlanFor(IsolationMode mode) => IsolationPlan.Choose(LambdaEngine.DetectedCapabilities.Value, mode);

    protected bool UsesCgroups
    {
        get
        {
            try { return PlanFor(Mode).Level is IsolationLevel.CgroupV1 or IsolationLevel.CgroupV2; }
            catch (InvalidOperationException) { return false; } // the level asked for is not available here
        }
    }

    [Fact]
    public async Task EveryEnvironmentReportsItsIsolationLevel()
    {
        await using var test = Engine(TestFunctions.Probe());
        await test.InvokeAsync("Probe");
        var env = Assert.Single(test.Engine.ListEnvironments());
        Assert.Equal(test.Engine.Isolation.Level, env.Isolation);
        Assert.Equal(test.Engine.Isolation.Level, test.Of<EnvironmentCreated>().Single().Isolation);
        if (Mode == IsolationMode.ProcessGroup) Assert.Equal(IsolationLevel.ProcessGroup, env.Isolation);
    }

    [Fact]
    public async Task MaxMemoryUsedFollowsWhatTheFunctionAllocates()
    {
        await using var test = Engine(TestFunctions.Probe(memoryMb: 1024));
        var small = await test.InvokeAsync("Probe");
        var big = await test.InvokeAsync("Probe", new { action = "alloc", megabytes = 200 });
        Assert.True(big.Metrics!.MaxMemoryUsedMb >= small.Metrics!.MaxMemoryUsedMb + 190, $"{small.Metrics.MaxMemoryUsedMb} -> {big.Metrics.MaxMemoryUsedMb}");
        Assert.True(big.Metrics.MaxMemoryUsedMb < 1024);
    }

    [Fact]
    public async Task AnEnvironmentWhoseInitFailsAgainAfterAResetIsReplacedByAFreshOne()
    {
        await using var test = Engine(TestFunctions.Probe(environment: new Dictionary<string, string> { ["INIT_MODE"] = "marker" }));
        var first = await test.InvokeAsync("Probe", new { action = "tmp-write", name = "fail-init", content = "x" });
        Assert.Null(first.FunctionError);
        var crash = await test.InvokeAsync("Probe", new { action = "exit", code = 3 }); // reset: the environment and its /tmp stay
        Assert.Equal("Runtime.ExitError", crash.ErrorType);

        var reinit = await test.InvokeAsync("Probe");
        Assert.Equal("Probe.InitFailed", reinit.ErrorType);
        Assert.Equal(first.EnvironmentId, reinit.EnvironmentId);
        var retired = await test.WaitForAsync<EnvironmentRetired>();
        Assert.Equal((first.EnvironmentId, EnvironmentReason.InitFailedAgain), (retired.EnvironmentId, retired.Reason));
        Assert.Contains($"ENVIRONMENT {first.EnvironmentId![..8]} retired after 3 invocation(s): init-failed-again", test.TextLines());

        var fresh = await test.InvokeAsync("Probe");
        Assert.Null(fresh.FunctionError);
        Assert.True(fresh.ColdStart);
        Assert.NotEqual(first.EnvironmentId, fresh.EnvironmentId);
        Assert.Null((await test.InvokeAsync("Probe")).FunctionError);
    }

    [Fact]
    public async Task StoppingAnEnvironmentSendsSigtermFirst()
    {
        await using var test = Engine(TestFunctions.Probe(environment: new Dictionary<string, string> { ["TERM_MODE"] = "exit" }));
        await test.InvokeAsync("Probe");
        var pid = test.Engine.ListEnvironments().Single().Pid!.Value;
        await test.Engine.StopEnvironmentsAsync("Probe");
        await test.WaitForAsync<FunctionLog>(l => l.Message == "probe got SIGTERM");
        await ProcessAssert.GoneAsync(pid);
    }

    [Fact]
    public async Task ARuntimeIgnoringSigtermIsKilledAfterTheGracePeriod()
    {
        var grace = TimeSpan.FromSeconds(1);
        await using var test = Engine(grace, TestFunctions.Probe(environment: new Dictionary<string, string> { ["TERM_MODE"] = "ignore" }));
        await test.InvokeAsync("Probe");
        var pid = test.Engine.ListEnvironments().Single().Pid!.Value;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await test.Engine.StopEnvironmentsAsync("Probe");
        await ProcessAssert.GoneAsync(pid);
        Assert.True(stopwatch.Elapsed >= grace - TimeSpan.FromMilliseconds(50));
        // Its line may reach the engine's output pump a moment after the kill: wait for the event, as the test above does.
        await test.WaitForAsync<FunctionLog>(l => l.Message == "probe got SIGTERM");
    }

    [Fact]
    public async Task TheFunctionSeesNoHostCredentialsUnlessPassed()
    {
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "host-secret");
        try
        {
            await using (var test = Engine(TestFunctions.Probe()))
            {
                var env = (await test.InvokeAsync("Probe", new { action = "env" })).Json().GetProperty("env");
                Assert.False(env.TryGetProperty("AWS_SECRET_ACCESS_KEY", out _));
            }
            var passed = new EngineOptions { WatchCode = false, Isolation = Mode, ExtraEnvironment = HostCredentials.FromEnvironment() };
            await using var withCredentials = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe()), passed);
            var seen = (await withCredentials.InvokeAsync("Probe", new { action = "env" })).Json().GetProperty("env");
            Assert.Equal("host-secret", seen.GetProperty("AWS_SECRET_ACCESS_KEY").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    /// <summary>
    /// Where the function finds the Runtime API and a service on the machine's loopback (a local database, an emulator):
    /// in a network of its own, 127.0.0.1:9001 as on Lambda and the service at host.devtools.internal (its 127.0.0.1 is
    /// its own); on the machine's network, a port of its own and the service at 127.0.0.1.
    /// </summary>
    [Fact]
    public async Task TheFunctionFindsTheRuntimeApiAndTheMachinesServicesWhereTheDocsSay()
    {
        using var service = new TcpListener(IPAddress.Loopback, 0);
        service.Start();
        var port = ((IPEndPoint)service.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await service.AcceptTcpClientAsync();
                await client.GetStream().WriteAsync("hello from the machine"u8.ToArray());
            }
        });
        await using var test = Engine(TestFunctions.Probe());
        var ownNetwork = test.Engine.Isolation.Network == NetworkModes.Namespace;
        if (Mode == IsolationMode.ProcessGroup) Assert.False(ownNetwork);

        // From the first invoke on (its network may have been made for it, just now). The names are in the environment's
        // /etc/hosts, which it has with a mount namespace of its own.
        string[] hosts = test.Engine.Isolation.PrivateTmp ? ["host.devtools.internal", "host.docker.internal"] : ["127.0.0.1"];
        foreach (var host in hosts)
        {
            var reached = (await test.InvokeAsync("Probe", new { action = "connect", host, port })).Json();
            Assert.True(reached.TryGetProperty("received", out var said), $"{host}: {reached}");
            Assert.Equal("hello from the machine", said.GetString());
        }
        var api = (await test.InvokeAsync("Probe", new { action = "env" })).Json().GetProperty("env").GetProperty("AWS_LAMBDA_RUNTIME_API").GetString();
        if (ownNetwork) Assert.Equal("127.0.0.1:9001", api);
        else Assert.Matches(@"^127\.0\.0\.1:\d+$", api);
        if (ownNetwork)
        {
            var own = (await test.InvokeAsync("Probe", new { action = "connect", host = "127.0.0.1", port })).Json();
            Assert.Contains("ConnectionRefusedError", own.GetProperty("error").GetString()); // its loopback is its own
        }
        service.Stop();
        await serving.ContinueWith(_ => { }); // ends with the listener
    }

    protected static async Task<string> StartDaemonAsync(TestEngine test)
    {
        // Outside /tmp: with a private /tmp the test (on the host) and the daemon would see different folders.
        Directory.CreateDirectory(SharedScratch);
        var counter = Path.Combine(SharedScratch, $"daemon-{Guid.NewGuid():N}.count");
        var result = await test.InvokeAsync("Probe", new { action = "daemon", path = counter });
        Assert.True(result.FunctionError is null, result.Text());
        Assert.True(result.Json().GetProperty("count").GetInt32() > 0);
        return counter;
    }

    /// <summary>A folder both the tests and the functions see at the same path, whatever their /tmp.</summary>
    protected static string SharedScratch => "/var/tmp/devtools-tests";

    protected static int ReadCount(string counter)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return int.Parse(File.ReadAllText(counter).Trim()); }
            catch (Exception e) when (e is IOException or FormatException && attempt < 5) { Thread.Sleep(10); } // caught mid-write
        }
    }

    protected static async Task KillDaemonAsync(string counter)
    {
        // The fallback cannot find it: the test kills it itself, so it leaves nothing behind.
        var pid = int.Parse((await File.ReadAllTextAsync(counter + ".pid")).Trim());
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { }
    }
}

/// <summary>What only a cgroup can do, whichever version: reach every process of an environment.</summary>
public abstract class CgroupIsolationTests : IsolationTests
{
    private void SkipUnlessTmpIsADisk() =>
        Skip.IfNot(PlanFor(Mode).Tmp == TmpModes.PrivateDisk, $"/tmp is not a disk at {Mode} here: {string.Join("; ", LambdaEngine.DetectedCapabilities.Value.Notes)}");

    /// <summary>Lambda's /tmp is a disk: filling it stops at the size with ENOSPC, and is not the function's memory.</summary>
    [SkippableFact]
    public async Task FillingTmpStopsAtItsSizeWithNoSpaceLeftAndIsNotMemory()
    {
        SkipUnlessTmpIsADisk();
        await using var test = Engine(TestFunctions.Probe(memoryMb: 256) with { EphemeralStorageMb = 512 });
        await test.InvokeAsync("Probe", new { action = "tmp-write", path = "/tmp/keep.txt", content = "kept" });

        var result = await test.InvokeAsync("Probe", new { action = "dd", path = "/tmp/fill", megabytes = 700 });

        Assert.Null(result.FunctionError);
        var json = result.Json();
        Assert.NotEqual(0, json.GetProperty("exitCode").GetInt32());
        Assert.Contains("No space left on device", json.GetProperty("stderr").GetString());
        Assert.InRange(json.GetProperty("written").GetInt64(), 512L * 1024 * 1024, 512L * 1024 * 1024 * 103 / 100);
        Assert.True(result.Metrics!.MaxMemoryUsedMb < 64, $"Max Memory Used {result.Metrics.MaxMemoryUsedMb} MB");
        Assert.Equal(TmpModes.PrivateDisk, Assert.Single(test.Of<EnvironmentCreated>()).TmpMode);

        var next = await test.InvokeAsync("Probe", new { action = "tmp-read", path = "/tmp/keep.txt" });
        Assert.False(next.ColdStart);
        Assert.Equal("kept", next.Json().GetProperty("content").GetString());
    }

    [SkippableFact]
    public async Task ASmallFunctionCanKeepMoreInTmpThanItsMemory()
    {
        SkipUnlessTmpIsADisk();
        Skip.IfNot(PlanFor(Mode).Memory != "none", $"no memory cgroup at {Mode} here");
        await using var test = Engine(TestFunctions.Probe(memoryMb: 128) with { EphemeralStorageMb = 1024 });
        var result = await test.InvokeAsync("Probe", new { action = "tmp-write", path = "/tmp/ok", content = "ok" });
        var big = await test.InvokeAsync("Probe", new { action = "dd", path = "/tmp/big", megabytes = 300 });
        Assert.Null(big.FunctionError);
        Assert.Equal(0, big.Json().GetProperty("exitCode").GetInt32());
        Assert.Equal(300L * 1024 * 1024, big.Json().GetProperty("written").GetInt64());
        Assert.True(big.Metrics!.MaxMemoryUsedMb < 64, $"Max Memory Used {big.Metrics.MaxMemoryUsedMb} MB");
        Assert.Equal(result.EnvironmentId, big.EnvironmentId);
        Assert.Empty(test.Of<EnvironmentReset>());
    }

    [SkippableFact]
    public async Task NoTmpDiskOrLoopDeviceOutlivesTheEngine()
    {
        SkipUnlessTmpIsADisk();
        var test = Engine(TestFunctions.Probe());
        await test.InvokeAsync("Probe");
        var disk = Path.GetDirectoryName(Assert.Single(test.Of<EnvironmentCreated>()).TmpPath)!; // its mount point's folder holds its image
        var loops = LoopDevices.BackedBy(disk);
        Assert.Single(loops);
        await test.DisposeAsync();
        await LoopDevices.WaitUntilNoneAsync(disk, loops);
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(disk));
        Assert.False(Directory.Exists(disk), "the disk's image is deleted");
        Assert.Empty(LoopDevices.BackedBy(Path.GetDirectoryName(disk)!)); // nor any disk made ahead of need
    }

    [SkippableFact]
    public async Task ADaemonisedGrandchildIsFrozenWithTheEnvironment()
    {
        Skip.IfNot(UsesCgroups, $"no writable cgroup hierarchy for {Mode} on this machine");
        await using var test = Engine(TestFunctions.Probe());
        var counter = await StartDaemonAsync(test);

        var before = ReadCount(counter);
        await Task.Delay(1000); // 20 increments if the daemon were running
        Assert.InRange(ReadCount(counter) - before, 0, 1);

        await test.InvokeAsync("Probe", new { action = "echo" }); // thawed: it runs again during the invoke
        var afterThaw = ReadCount(counter);
        Assert.True(afterThaw >= before, $"{afterThaw} < {before}");
    }

    [SkippableFact]
    public async Task DisposingTheEngineKillsEvenADaemonisedGrandchild()
    {
        Skip.IfNot(UsesCgroups, $"no writable cgroup hierarchy for {Mode} on this machine");
        var test = Engine(TestFunctions.Probe());
        var counter = await StartDaemonAsync(test);
        var daemonPids = test.Engine.ListEnvironments().Single().Pid;
        await test.DisposeAsync();
        var count = ReadCount(counter);
        await Task.Delay(300);
        Assert.Equal(count, ReadCount(counter));
        Assert.NotNull(daemonPids);
    }
}

/// <summary>
/// The strongest isolation this machine allows (cgroup v1 with a private /tmp, as root, here), and
/// what only it can do. Its tests skip only on a machine that lacks the mechanism, and say so.
/// </summary>
public sealed class StrongestIsolationTests : CgroupIsolationTests
{
    protected override IsolationMode Mode => IsolationMode.Best;

    [SkippableFact]
    public async Task ExceedingMemorySizeKillsOnlyThatEnvironment()
    {
        Skip.IfNot(PlanFor(Mode).Memory != "none", "no writable memory cgroup on this machine");
        await using var test = Engine(TestFunctions.Probe("Small", memoryMb: 128), TestFunctions.Probe("Other", memoryMb: 256));
        var other = await test.InvokeAsync("Other");

        var result = await test.InvokeAsync("Small", new { action = "alloc", megabytes = 300 });

        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: Runtime exited with error: signal: killed", result.Json().GetProperty("errorMessage").GetString());
        Assert.InRange(result.Metrics!.MaxMemoryUsedMb, 120, 128);
        var reset = await test.WaitForAsync<EnvironmentReset>();
        Assert.Equal(EnvironmentReason.OutOfMemory, reset.Reason);
        Assert.EndsWith("\tStatus: error\tError Type: Runtime.ExitError\t", LambdaTextFormatter.FormatReport(test.Of<PlatformReport>().Last()));

        var otherAgain = await test.InvokeAsync("Other");
        Assert.False(otherAgain.ColdStart);
        Assert.Equal(other.EnvironmentId, otherAgain.EnvironmentId);
        Assert.Null((await test.InvokeAsync("Small", new { action = "echo" })).FunctionError);
    }


    [SkippableFact]
    public async Task NoOutboundLinkOutlivesTheEngine()
    {
        Skip.IfNot(PlanFor(Mode).Network == NetworkModes.Namespace, "no network namespace per environment here: " + string.Join("; ", LambdaEngine.DetectedCapabilities.Value.Notes));
        var test = Engine(TestFunctions.Probe());
        await test.InvokeAsync("Probe");
        Assert.NotEmpty(OutboundLinks.Of(Environment.ProcessId));
        await test.DisposeAsync();
        await OutboundLinks.WaitUntilNoneAsync(Environment.ProcessId);
    }

    [SkippableFact]
    public async Task TwoEnvironmentsEachSeeOnlyTheirOwnLiteralTmp()
    {
        Skip.IfNot(PlanFor(Mode).PrivateTmp, "no private /tmp mount on this machine (not root, or no mount namespaces)");
        await using var test = Engine(TestFunctions.Probe());
        var slow = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>();
        var writer = await test.InvokeAsync("Probe", new { action = "tmp-write", path = "/tmp/secret.txt", content = "mine" });
        var sleeper = await slow;
        Assert.NotEqual(writer.EnvironmentId, sleeper.EnvironmentId);

        // The sleeper's environment is on top of the pool: it reads the literal path and finds nothing.
        var other = await test.InvokeAsync("Probe", new { action = "tmp-read", path = "/tmp/secret.txt" });
        Assert.Equal(sleeper.EnvironmentId, other.EnvironmentId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, other.Json().GetProperty("content").ValueKind);
        Assert.DoesNotContain("secret.txt", other.Json().GetProperty("listing").EnumerateArray().Select(e => e.GetString()));
        // The host's /tmp is not visible either.
        Assert.DoesNotContain("lambda-devtools", other.Json().GetProperty("listing").EnumerateArray().Select(e => e.GetString()));
    }
}

/// <summary>The signals-only fallback (process groups, RSS sampling, TMPDIR), and its documented gaps.</summary>
public sealed class ProcessGroupIsolationTests : IsolationTests
{
    protected override IsolationMode Mode => IsolationMode.ProcessGroup;

    [Fact]
    public async Task WithoutACgroupADaemonKeepsRunningWhileFrozen()
    {
        // The documented gap of the process-group fallback, shown on a real daemon.
        await using var test = Engine(TestFunctions.Probe());
        var counter = await StartDaemonAsync(test);
        var before = ReadCount(counter);
        Assert.True(await Poll.UntilAsync(() => ReadCount(counter) - before >= 5, TimeSpan.FromSeconds(5)));
        await KillDaemonAsync(counter);
    }

    [Fact]
    public async Task InDirectoryModeGoingOverTheCapRaisesAWarning()
    {
        await using var test = Engine(TestFunctions.Probe() with { EphemeralStorageMb = 512 });
        var tmpdir = (await test.InvokeAsync("Probe", new { action = "tmp-read" })).Json().GetProperty("tmpdir").GetString()!;
        await test.InvokeAsync("Probe", new { action = "dd", path = Path.Combine(tmpdir, "keep"), megabytes = 1 });
        await File.WriteAllBytesAsync(Path.Combine(tmpdir, "big"), []);
        using (var big = File.OpenWrite(Path.Combine(tmpdir, "big"))) big.SetLength(520L * 1024 * 1024); // sparse: counts by size
        // /tmp is checked after an invoke, at most once a second: invoke until the check has run.
        Assert.True(await Poll.UntilAsync(async () =>
        {
            await test.InvokeAsync("Probe");
            return test.Of<EngineWarning>().Any();
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
        var warning = await test.WaitForAsync<EngineWarning>();
        Assert.Contains("over its 512 MB ephemeral storage", warning.Message);
    }
}

/// <summary>
/// cgroup v2 explicitly (cgroup.freeze, cgroup.kill). On this project's CI machine that is the hybrid
/// "unified" hierarchy, which has no memory controller: memory falls back to RSS sampling there.
/// </summary>
public sealed class CgroupV2IsolationTests : CgroupIsolationTests
{
    protected override IsolationMode Mode => IsolationMode.CgroupV2;
}
