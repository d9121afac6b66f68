using System.Text.Json;
using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Tests.Environments;

/// <summary>How a phase without the runtime's answer becomes Lambda's error type, status and reset reason (no processes).</summary>
public sealed class RuntimeFailureTests
{
    private const string RequestId = "8f5a7c1e-0000-4000-8000-000000000001";

    [Fact]
    public void AnInvokeStillRunningAtTheDeadlineTimesOut()
    {
        var failure = RuntimeFailure.OfInvoke(RequestId, exit: null, killedAtMemoryLimit: false, timeoutSeconds: 3, memorySizeMb: 128);
        Assert.Equal(("Sandbox.Timedout", PlatformStatus.Timeout, EnvironmentReason.Timeout), (failure.ErrorType, failure.Status, failure.Reason));
        Assert.Equal($"RequestId: {RequestId} Error: Task timed out after 3.00 seconds", Message(failure));
    }

    [Fact]
    public void ARuntimeKilledAtTheMemoryLimitIsASigkillExit()
    {
        var failure = RuntimeFailure.OfInvoke(RequestId, new ProcessExit(137, "signal: killed"), killedAtMemoryLimit: true, 3, 256);
        Assert.Equal(("Runtime.ExitError", PlatformStatus.Error, EnvironmentReason.OutOfMemory), (failure.ErrorType, failure.Status, failure.Reason));
        Assert.Equal($"RequestId: {RequestId} Error: Runtime exited with error: signal: killed", Message(failure));
        Assert.Contains("256 MB", failure.Detail);
    }

    [Theory]
    [InlineData(1, "exit status 1", "Runtime exited with error: exit status 1")]
    [InlineData(0, "exit status 0", "Runtime exited without providing a reason")]
    public void ARuntimeThatExitsCrashes(int code, string description, string expected)
    {
        var failure = RuntimeFailure.OfInvoke(RequestId, new ProcessExit(code, description), killedAtMemoryLimit: false, 3, 128);
        Assert.Equal(("Runtime.ExitError", EnvironmentReason.Crash, description), (failure.ErrorType, failure.Reason, failure.Detail));
        Assert.Equal($"RequestId: {RequestId} Error: {expected}", Message(failure));
    }

    [Fact]
    public void AnInitErrorTheRuntimePostedIsWhatTheCallerGets()
    {
        var posted = RuntimeAnswer.Error("Runtime.ImportModuleError", "Cannot find module 'index'");
        var failure = RuntimeFailure.OfInit(posted, new ProcessExit(1, "exit status 1"), TimeSpan.FromSeconds(10));
        Assert.Same(posted, failure.Answer);
        Assert.Equal((PlatformStatus.Error, "Runtime.ImportModuleError"), (failure.Status, failure.Detail));
    }

    [Fact]
    public void AnInitThatExitsOrRunsOutOfTimeFails()
    {
        var exited = RuntimeFailure.OfInit(null, new ProcessExit(2, "exit status 2"), TimeSpan.FromSeconds(10));
        Assert.Equal(("Runtime.ExitError", "Runtime exited with error: exit status 2"), (exited.ErrorType, Message(exited)));
        var slow = RuntimeFailure.OfInit(null, exit: null, TimeSpan.FromSeconds(10));
        Assert.Equal(("Sandbox.Timedout", PlatformStatus.Timeout, "Init timed out after 10.00 seconds"), (slow.ErrorType, slow.Status, Message(slow)));
    }

    private static string Message(RuntimeFailure failure) =>
        JsonDocument.Parse(failure.Answer.Body).RootElement.GetProperty("errorMessage").GetString()!;
}
