using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Environments;

/// <summary>The Lambda execution model on real runtime processes: cold, warm, frozen, scaled out, expired, retired.</summary>
public sealed class ExecutionModelTests
{
    [Fact]
    public async Task FirstInvokeIsColdAndInitRunsOnceThenWarm()
    {
        await using var test = new TestEngine(TestFunctions.Probe());

        var first = await test.InvokeAsync("Probe", new { action = "echo" });
        var second = await test.InvokeAsync("Probe", new { action = "echo" });

        Assert.True(first.ColdStart);
        Assert.False(second.ColdStart);
        Assert.NotNull(first.Metrics!.InitDurationMs);
        Assert.Null(second.Metrics!.InitDurationMs);
        Assert.Equal(first.EnvironmentId, second.EnvironmentId);
        Assert.Equal(first.Json().GetProperty("initializedAt").GetDouble(), second.Json().GetProperty("initializedAt").GetDouble());
        Assert.Equal(2, second.Json().GetProperty("invocations").GetInt32());
        Assert.Single(test.Of<PlatformInitStart>());
        Assert.Single(test.Of<EnvironmentCreated>());

        var reports = test.Of<PlatformReport>().ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("\tInit Duration: ", LambdaTextFormatter.FormatReport(reports[0]));
        Assert.DoesNotContain("Init Duration", LambdaTextFormatter.FormatReport(reports[1]));
    }

    [Fact]
    public async Task RuntimeReceivesLambdaHeadersAndTheEvent()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "echo", value = 42 });

        var json = result.Json();
        Assert.Equal(42, json.GetProperty("event").GetProperty("value").GetInt32());
        var headers = json.GetProperty("headers");
        Assert.Equal(result.RequestId, headers.GetProperty("lambda-runtime-aws-request-id").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Probe", headers.GetProperty("lambda-runtime-invoked-function-arn").GetString());
        Assert.StartsWith("Root=1-", headers.GetProperty("lambda-runtime-trace-id").GetString());
        Assert.Equal("application/json", headers.GetProperty("content-type").GetString());
        var deadline = long.Parse(headers.GetProperty("lambda-runtime-deadline-ms").GetString()!);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(deadline - now, 1000, 3000); // epoch milliseconds, about Timeout (3 s) ahead
    }

    [Fact]
    public async Task AnInvokesLogLinesAlwaysComeBeforeItsRuntimeDoneAndReport()
    {
        // The lines reach the engine through a pipe and the answer through a socket: the engine must deliver what the
        // pipe holds before it records the end of the invoke, every time (once in a while it did not).
        await using var test = new TestEngine(TestFunctions.Probe());
        for (var i = 0; i < 30; i++)
        {
            var result = await test.InvokeAsync("Probe", new { action = "log", lines = 5 });
            var mine = test.Events.Where(e => e.RequestId == result.RequestId && e is FunctionLog or PlatformRuntimeDone or PlatformReport)
                .Select(e => e.GetType().Name).ToList();
            Assert.Equal([.. Enumerable.Repeat(nameof(FunctionLog), 5), nameof(PlatformRuntimeDone), nameof(PlatformReport)], mine);
        }
    }

    [Fact]
    public async Task BackgroundWorkDoesNotAdvanceWhileFrozen()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        await test.InvokeAsync("Probe", new { action = "ticks" });
        await test.WaitForAsync<EnvironmentFrozen>(); // within EngineOptions.FreezeDelay (1 ms) of the runtime's return
        var env = Assert.Single(test.Engine.ListEnvironments());
        Assert.Equal(EnvironmentState.Frozen, env.State);

        await Task.Delay(1000); // 20 ticks would pass if the process were running
        var after = await test.InvokeAsync("Probe", new { action = "ticks" });

        Assert.InRange(after.Json().GetProperty("sinceLast").GetInt32(), 0, 4);
        Assert.Contains(test.Events, e => e is EnvironmentFrozen);
        Assert.Contains(test.Events, e => e is EnvironmentThawed t && t.FrozenFor >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task WithoutFreezingBackgroundWorkRuns()
    {
        // The control for the test above: the same probe advances when nothing freezes it.
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe()), new EngineOptions { Freeze = false, WatchCode = false });
        await test.InvokeAsync("Probe", new { action = "ticks" });
        await Task.Delay(1000);
        var after = await test.InvokeAsync("Probe", new { action = "ticks" });
        Assert.True(after.Json().GetProperty("sinceLast").GetInt32() >= 10);
        Assert.Equal(EnvironmentState.Idle, Assert.Single(test.Engine.ListEnvironments()).State);
    }

    [Fact]
    public async Task TmpPersistsInAnEnvironmentAndIsPrivateToIt()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        // Two concurrent invokes need two environments: the writer lands on the second one.
        var slow = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>();
        var write = await test.InvokeAsync("Probe", new { action = "tmp-write", content = "mine" });
        var slowResult = await slow;
        Assert.NotEqual(slowResult.EnvironmentId, write.EnvironmentId);

        // Read each environment's /tmp, whichever order they were released in: one is kept busy while the other reads,
        // then the busy one, released last, is the most recently used and serves the second read.
        var hold = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>(_ => test.Of<PlatformStart>().Count() == 3);
        var first = await test.InvokeAsync("Probe", new { action = "tmp-read" });
        var held = await hold;
        var second = await test.InvokeAsync("Probe", new { action = "tmp-read" });
        Assert.Equal(held.EnvironmentId, second.EnvironmentId);
        Assert.NotEqual(first.EnvironmentId, second.EnvironmentId);

        var (mine, other) = first.EnvironmentId == write.EnvironmentId ? (first, second) : (second, first);
        Assert.Equal(write.EnvironmentId, mine.EnvironmentId);
        Assert.Equal("mine", mine.Json().GetProperty("content").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, other.Json().GetProperty("content").ValueKind);
        // With a private mount both see their own filesystem at the literal /tmp; otherwise their own directories.
        if (test.Engine.Isolation.PrivateTmp) Assert.Equal("/tmp", mine.Json().GetProperty("tmpdir").GetString());
        else Assert.NotEqual(other.Json().GetProperty("tmpdir").GetString(), mine.Json().GetProperty("tmpdir").GetString());
    }

    [Fact]
    public async Task ConcurrentInvokesScaleOutUpToTheReservationThenThrottle()
    {
        await using var test = new TestEngine(TestFunctions.Probe(reserved: 2));
        var first = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        var second = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>(_ => test.Of<PlatformStart>().Count() == 2);

        var throttled = await Assert.ThrowsAsync<LambdaServiceException>(() => test.InvokeAsync("Probe", new { action = "echo" }));
        Assert.Equal("TooManyRequestsException", throttled.ErrorType);
        Assert.Equal(429, throttled.StatusCode);
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", throttled.Reason);

        var results = await Task.WhenAll(first, second);
        Assert.NotEqual(results[0].EnvironmentId, results[1].EnvironmentId);
        Assert.All(results, r => Assert.True(r.ColdStart));
        Assert.Equal(2, test.Engine.ListEnvironments().Count);
    }

    [Fact]
    public async Task EngineWideConcurrencyLimitThrottlesToo()
    {
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe()), new EngineOptions { ConcurrencyLimit = 1, WatchCode = false });
        var running = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>();
        var throttled = await Assert.ThrowsAsync<LambdaServiceException>(() => test.InvokeAsync("Probe"));
        Assert.Equal("ConcurrentInvocationLimitExceeded", throttled.Reason);
        await running;
    }

    [Fact]
    public async Task ReservationOfZeroAlwaysThrottles()
    {
        await using var test = new TestEngine(TestFunctions.Probe(reserved: 0));
        var e = await Assert.ThrowsAsync<LambdaServiceException>(() => test.InvokeAsync("Probe"));
        Assert.Equal(429, e.StatusCode);
        Assert.Empty(test.Engine.ListEnvironments());
    }

    [Fact]
    public async Task SequentialInvokesReuseTheMostRecentlyUsedEnvironment()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var results = new List<InvokeResult>();
        for (var i = 0; i < 20; i++) results.Add(await test.InvokeAsync("Probe", new { action = "echo" }, waitForReport: false));
        Assert.Single(results.Select(r => r.EnvironmentId).Distinct());
        Assert.Single(test.Of<EnvironmentCreated>());
    }

    [Fact]
    public async Task ConcurrentSequentialCallersNeedNoMoreEnvironmentsThanCallers()
    {
        // Each caller has its answer before its environment is back at /next: its next invoke waits for an
        // environment to come back (handed over directly) rather than scaling out.
        await using var test = new TestEngine(TestFunctions.Probe());
        const int callers = 3;
        var loops = Enumerable.Range(0, callers).Select(async _ =>
        {
            for (var i = 0; i < 15; i++)
            {
                var result = await test.InvokeAsync("Probe", new { action = "echo" }, waitForReport: false);
                Assert.Null(result.FunctionError);
            }
        });
        await Task.WhenAll(loops);
        Assert.InRange(test.Of<EnvironmentCreated>().Count(), 1, callers);
        await test.WaitForAsync<PlatformReport>(_ => test.Of<PlatformReport>().Count() == callers * 15);
    }

    [Fact]
    public async Task IdleEnvironmentsExpire()
    {
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe()), new EngineOptions { KeepWarm = TimeSpan.FromMilliseconds(300), WatchCode = false });
        var first = await test.InvokeAsync("Probe");
        var retired = await test.WaitForAsync<EnvironmentRetired>(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(EnvironmentReason.Idle, retired.Reason);
        Assert.Empty(test.Engine.ListEnvironments());
        Assert.False(Directory.Exists(Path.GetDirectoryName(test.Of<EnvironmentCreated>().Single().TmpPath)));

        var second = await test.InvokeAsync("Probe");
        Assert.True(second.ColdStart);
        Assert.NotEqual(first.EnvironmentId, second.EnvironmentId);
        Assert.Contains("expired", LambdaTextFormatter.Format(retired));
    }

    [Fact]
    public async Task ACodeChangeRetiresEnvironmentsAndTheNextInvokeIsCold()
    {
        var code = TestFunctions.CopyOf("probe");
        var function = TestFunctions.Probe(codeDirectory: code);
        await using var test = new TestEngine(TestFunctions.Catalog(function), new EngineOptions { WatchCode = true });
        var first = await test.InvokeAsync("Probe");
        Assert.True(first.ColdStart);

        await File.AppendAllTextAsync(Path.Combine(code, "bootstrap"), "\n# changed\n");
        var retired = await test.WaitForAsync<EnvironmentRetired>();
        Assert.Equal(EnvironmentReason.CodeChanged, retired.Reason);

        var second = await test.InvokeAsync("Probe");
        Assert.True(second.ColdStart);
        Assert.NotEqual(first.EnvironmentId, second.EnvironmentId);
    }

    [Fact]
    public async Task ACodeChangeDuringAnInvokeLetsItFinishThenRetires()
    {
        var code = TestFunctions.CopyOf("probe");
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe(codeDirectory: code)), new EngineOptions { WatchCode = true });
        var running = test.InvokeAsync("Probe", new { action = "sleep", seconds = 1 });
        await test.WaitForAsync<PlatformStart>();
        await File.AppendAllTextAsync(Path.Combine(code, "bootstrap"), "\n# changed\n");
        await Task.Delay(500);

        var result = await running;
        Assert.Null(result.FunctionError);
        var retired = await test.WaitForAsync<EnvironmentRetired>();
        Assert.Equal(EnvironmentReason.CodeChanged, retired.Reason);
        Assert.True((await test.InvokeAsync("Probe")).ColdStart);
    }

    [Fact]
    public async Task StoppingAnEnvironmentRetiresItWithTheReason()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe");
        var pid = test.Engine.ListEnvironments().Single().Pid!.Value;
        Assert.Equal(1, await test.Engine.StopEnvironmentsAsync(environmentId: result.EnvironmentId![..8]));
        var retired = await test.WaitForAsync<EnvironmentRetired>();
        Assert.Equal(EnvironmentReason.Stopped, retired.Reason);
        Assert.Empty(test.Engine.ListEnvironments());
        await ProcessAssert.GoneAsync(pid);
    }

    [Fact]
    public async Task DisposingTheEngineLeavesNoProcessBehind()
    {
        var test = new TestEngine(TestFunctions.Probe());
        var slow = test.InvokeAsync("Probe", new { action = "sleep", seconds = 5 });
        await test.InvokeAsync("Probe");
        var pids = test.Engine.ListEnvironments().Select(e => e.Pid!.Value).ToList();
        Assert.Equal(2, pids.Count);
        await test.DisposeAsync();
        foreach (var pid in pids) await ProcessAssert.GoneAsync(pid);
        Assert.Contains(test.Events, e => e is EnvironmentRetired { Reason: EnvironmentReason.Shutdown });
        // The interrupted invoke is answered, not lost: its runtime was stopped under it.
        var interrupted = await slow;
        Assert.Equal("Runtime.ExitError", interrupted.ErrorType);
    }
}
