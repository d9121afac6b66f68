using System.Text;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Environments;

/// <summary>Timeouts, crashes, init failures and oversize responses: the caller's error, the records, and the reset.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task TimeoutKillsTheRuntimeReportsItAndKeepsTmp()
    {
        // 2 s: the re-init after the reset runs inside the next invoke's timeout, and a busy machine slows inits.
        await using var test = new TestEngine(TestFunctions.Probe(timeoutSeconds: 2));
        await test.InvokeAsync("Probe", new { action = "tmp-write", content = "survives" });
        var pid = test.Engine.ListEnvironments().Single().Pid!.Value;

        var result = await test.InvokeAsync("Probe", new { action = "sleep", seconds = 5 });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        var error = result.Json();
        Assert.Equal("Sandbox.Timedout", error.GetProperty("errorType").GetString());
        Assert.Equal($"RequestId: {result.RequestId} Error: Task timed out after 2.00 seconds", error.GetProperty("errorMessage").GetString());
        Assert.InRange(result.Metrics!.DurationMs, 1950, 3500);

        var report = test.Of<PlatformReport>().Last();
        Assert.Equal(PlatformStatus.Timeout, report.Status);
        Assert.EndsWith("\tStatus: timeout\t", LambdaTextFormatter.FormatReport(report));
        Assert.Equal(EnvironmentReason.Timeout, (await test.WaitForAsync<EnvironmentReset>()).Reason);
        await ProcessAssert.GoneAsync(pid);

        // Same environment, new runtime (a suppressed init inside the invoke), /tmp kept.
        var next = await test.InvokeAsync("Probe", new { action = "tmp-read" });
        Assert.Equal(result.EnvironmentId, next.EnvironmentId);
        Assert.True(next.ColdStart);
        Assert.Null(next.Metrics!.InitDurationMs);
        Assert.True(next.FunctionError is null, next.Text());
        Assert.Equal("survives", next.Json().GetProperty("content").GetString());
        Assert.Contains(test.Of<PlatformInitStart>(), s => s.Phase == InitPhase.Invoke);
    }

    [Fact]
    public async Task EachInvokeGetsItsWholeTimeoutWhenTheDeadlineTimerWasSetForAnEarlierOne()
    {
        // The deadline timer is not re-armed for every invoke: one still set for an earlier invoke's deadline fires
        // early and must re-arm for the rest, neither cutting the next invoke short nor letting it run over.
        await using var test = new TestEngine(TestFunctions.Probe(timeoutSeconds: 1));
        await test.InvokeAsync("Probe", new { action = "echo" }); // its deadline, 1 s from now, stays on the timer
        await Task.Delay(500);

        var withinItsOwnTimeout = await test.InvokeAsync("Probe", new { action = "sleep", seconds = 0.8 });
        Assert.Null(withinItsOwnTimeout.FunctionError);

        var overItsTimeout = await test.InvokeAsync("Probe", new { action = "sleep", seconds = 5 });
        Assert.Equal("Sandbox.Timedout", overItsTimeout.ErrorType);
        Assert.InRange(overItsTimeout.Metrics!.DurationMs, 950, 2500);
    }

    [Fact]
    public async Task CrashDuringInvokeIsAnExitErrorAndTheNextInvokeReinits()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "exit", code = 3 });

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Equal($"RequestId: {result.RequestId} Error: Runtime exited with error: exit status 3", result.Json().GetProperty("errorMessage").GetString());
        var report = test.Of<PlatformReport>().Last();
        Assert.EndsWith("\tStatus: error\tError Type: Runtime.ExitError\t", LambdaTextFormatter.FormatReport(report));
        Assert.Equal(EnvironmentReason.Crash, (await test.WaitForAsync<EnvironmentReset>()).Reason);

        var next = await test.InvokeAsync("Probe", new { action = "echo" });
        Assert.Null(next.FunctionError);
        Assert.True(next.ColdStart);
    }

    [Fact]
    public async Task KilledBySignalSaysWhichSignal()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        await test.InvokeAsync("Probe");
        var pid = test.Engine.ListEnvironments().Single().Pid!.Value;
        var running = test.InvokeAsync("Probe", new { action = "sleep", seconds = 2 });
        await test.WaitForAsync<PlatformStart>(_ => test.Of<PlatformStart>().Count() == 2);
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        var result = await running;
        Assert.EndsWith("Runtime exited with error: signal: killed", result.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task InitErrorIsReturnedToTheCallerAndRetriedOnTheNextInvoke()
    {
        await using var test = new TestEngine(TestFunctions.Probe(environment: new Dictionary<string, string> { ["INIT_MODE"] = "error" }));
        var result = await test.InvokeAsync("Probe");

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Probe.InitFailed", result.ErrorType);
        Assert.Equal("init failed on purpose", result.Json().GetProperty("errorMessage").GetString());
        var initReport = test.Of<PlatformInitReport>().Single();
        Assert.Equal(PlatformStatus.Error, initReport.Status);
        Assert.StartsWith("INIT_REPORT Init Duration: ", LambdaTextFormatter.Format(initReport));
        Assert.Contains("\tPhase: init\tStatus: error\tError Type: Probe.InitFailed", LambdaTextFormatter.Format(initReport));

        var again = await test.InvokeAsync("Probe");
        Assert.Equal("Probe.InitFailed", again.ErrorType);
        Assert.Equal(2, test.Of<PlatformInitStart>().Count());
        Assert.Equal(InitPhase.Invoke, test.Of<PlatformInitStart>().Last().Phase);
    }

    [Fact]
    public async Task ExitDuringInitIsAnExitError()
    {
        await using var test = new TestEngine(TestFunctions.Probe(environment: new Dictionary<string, string> { ["INIT_MODE"] = "exit" }));
        var result = await test.InvokeAsync("Probe");
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Equal("Runtime exited with error: exit status 7", result.Json().GetProperty("errorMessage").GetString());
        Assert.Contains(test.Of<FunctionLog>(), l => l.Message == "exiting during init");
    }

    [Fact]
    public async Task AFunctionErrorIsDataNotAFailure()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "error" });
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Probe.Failure", result.ErrorType);
        Assert.Equal("failed on purpose", result.Json().GetProperty("errorMessage").GetString());

        // The environment stays warm after a handled error.
        var next = await test.InvokeAsync("Probe");
        Assert.False(next.ColdStart);
    }

    [Fact]
    public async Task OversizeResponseGivesResponseSizeTooLargeAndTheRuntimeA413()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "big", bytes = 7 * 1024 * 1024 });
        Assert.Equal("Function.ResponseSizeTooLarge", result.ErrorType);
        Assert.Equal($"Response payload size ({7 * 1024 * 1024} bytes) exceeded maximum allowed payload size (6291556 bytes).",
            result.Json().GetProperty("errorMessage").GetString());
        var log = await test.WaitForAsync<FunctionLog>(l => l.Message.StartsWith("big response status"));
        Assert.Equal("big response status 413", log.Message);

        // A response just under the limit goes through.
        var fits = await test.InvokeAsync("Probe", new { action = "big", bytes = 6 * 1024 * 1024 });
        Assert.Null(fits.FunctionError);
        Assert.Equal(6 * 1024 * 1024, fits.Payload.Length);
    }

    [Fact]
    public async Task MissingBootstrapIsAnInvalidEntrypoint()
    {
        var empty = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        await using var test = new TestEngine(TestFunctions.Probe(codeDirectory: empty));
        var result = await test.InvokeAsync("Probe");
        Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
        Assert.Contains("bootstrap", result.Json().GetProperty("errorMessage").GetString());

        File.WriteAllText(Path.Combine(empty, "bootstrap"), "#!/bin/sh\n");
        var notExecutable = await test.InvokeAsync("Probe");
        Assert.Equal("Runtime.InvalidEntrypoint", notExecutable.ErrorType);
        Assert.Contains("not executable", notExecutable.Json().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task SecondResponseForTheSameInvokeIsRefusedWith403()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "double-response" });
        Assert.Equal("{\"first\":true}", result.Text());
        var log = await test.WaitForAsync<FunctionLog>(l => l.Message.StartsWith("second response status"));
        Assert.Contains("403", log.Message);
        Assert.Contains("InvalidStateTransition", log.Message);
        Assert.Contains("State transition from RuntimeResponseSent to InvocationResponse failed for runtime", log.Message);
    }

    [Fact]
    public async Task MaxMemoryUsedIsTheRealPeakNotTheConfiguredSize()
    {
        await using var test = new TestEngine(TestFunctions.Probe(memoryMb: 512));
        var small = await test.InvokeAsync("Probe", new { action = "echo" });
        var big = await test.InvokeAsync("Probe", new { action = "alloc", megabytes = 100 });
        Assert.InRange(small.Metrics!.MaxMemoryUsedMb, 1, 99);
        Assert.InRange(big.Metrics!.MaxMemoryUsedMb, 100, 400);
        Assert.Equal(512, big.Metrics.MemorySizeMb);
        Assert.Contains($"\tMax Memory Used: {big.Metrics.MaxMemoryUsedMb} MB", LambdaTextFormatter.FormatReport(test.Of<PlatformReport>().Last()));
    }
}
