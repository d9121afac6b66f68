using DevTools.Engine.Environments;
using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Reliability;

/// <summary>
/// Runtime faults not covered elsewhere: each gives the caller a clear typed error and a lifecycle
/// event, and leaves the function's other environments untouched and warm.
/// </summary>
public sealed class FaultTests
{
    /// <summary>Runs a fault on one environment while a second environment of the same function stays frozen.</summary>
    private static async Task<(TestEngine Test, string Untouched)> WithABystanderAsync(int timeoutSeconds = 3)
    {
        var test = new TestEngine(TestFunctions.Probe(timeoutSeconds: timeoutSeconds));
        var bystander = test.InvokeAsync("Probe", new { action = "sleep", seconds = 0.5 });
        await test.WaitForAsync<PlatformStart>();
        await test.InvokeAsync("Probe"); // a second environment, which becomes the most recently used
        var untouched = (await bystander).EnvironmentId!;
        return (test, untouched);
    }

    private static async Task AssertBystanderWarmAsync(TestEngine test, string untouched)
    {
        var holder = test.InvokeAsync("Probe", new { action = "sleep", seconds = 0.3 }); // takes whichever is on top
        var other = await test.InvokeAsync("Probe");
        await holder;
        Assert.Contains(test.Engine.ListEnvironments(), e => e.Id == untouched);
        Assert.True(other.EnvironmentId == untouched || (await holder).EnvironmentId == untouched);
    }

    [Fact]
    public async Task ASegfaultIsAnExitErrorNamingTheSignal()
    {
        var (test, untouched) = await WithABystanderAsync();
        await using var _ = test;
        var result = await test.InvokeAsync("Probe", new { action = "segv" });
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.EndsWith("Runtime exited with error: signal: segmentation fault", result.Json().GetProperty("errorMessage").GetString());
        Assert.Equal(EnvironmentReason.Crash, (await test.WaitForAsync<EnvironmentReset>()).Reason);
        await AssertBystanderWarmAsync(test, untouched);
    }

    [Fact]
    public async Task GarbageOnTheRuntimeApiGets400AndTheInvokeEndsAtItsTimeout()
    {
        var (test, untouched) = await WithABystanderAsync(timeoutSeconds: 1);
        await using var _ = test;
        var result = await test.InvokeAsync("Probe", new { action = "raw-garbage" });
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        var reply = await test.WaitForAsync<FunctionLog>(l => l.Message.StartsWith("garbage reply"));
        Assert.Equal("garbage reply HTTP/1.1 400 Bad Request", reply.Message);
        await AssertBystanderWarmAsync(test, untouched);
    }

    [Fact]
    public async Task AResponseThatIsNotJsonIsPassedThroughWithItsContentType()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        var result = await test.InvokeAsync("Probe", new { action = "not-json" });
        Assert.Null(result.FunctionError);
        Assert.Equal("plain text, not JSON", result.Text());
        Assert.Equal("text/plain", result.ContentType);
    }

    [Fact]
    public async Task ACallerThatGivesUpDoesNotLoseTheEnvironment()
    {
        await using var test = new TestEngine(TestFunctions.Probe());
        using var cancel = new CancellationTokenSource();
        var abandoned = test.Engine.InvokeAsync(new() { FunctionName = "Probe", Payload = "{\"action\":\"sleep\",\"seconds\":0.5}"u8.ToArray() }, cancel.Token);
        await test.WaitForAsync<PlatformStart>();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        // The invoke still runs to its end (as in Lambda), then the environment is reused.
        var report = await test.WaitForAsync<PlatformReport>();
        Assert.Equal(PlatformStatus.Success, report.Status);
        var next = await test.InvokeAsync("Probe");
        Assert.False(next.ColdStart);
        Assert.Single(test.Engine.ListEnvironments());
    }

    [Fact]
    public async Task ManyFaultsInARowLeaveNoProcessAndNoEnvironmentBehind()
    {
        var test = new TestEngine(TestFunctions.Probe(timeoutSeconds: 1));
        var pids = new HashSet<int>();
        foreach (var action in new object[] { new { action = "exit", code = 1 }, new { action = "segv" }, new { action = "sleep", seconds = 3 }, new { action = "error" }, new { action = "big" } })
        {
            await test.InvokeAsync("Probe", action);
            pids.UnionWith(test.Engine.ListEnvironments().Where(e => e.Pid is not null).Select(e => e.Pid!.Value));
            pids.UnionWith(test.Of<EnvironmentProcessStarted>().Select(e => e.Pid));
        }
        Assert.Null((await test.InvokeAsync("Probe")).FunctionError);
        await test.DisposeAsync();
        foreach (var pid in pids) await ProcessAssert.GoneAsync(pid);
    }
}
