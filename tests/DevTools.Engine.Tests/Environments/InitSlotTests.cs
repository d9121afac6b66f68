using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Environments;

/// <summary>
/// Inits share the machine's CPU, so only <see cref="EngineOptions.MaxConcurrentInits"/> run at once; an environment
/// waiting for a slot has not started its init, and the wait is not taken from its invoke's timeout.
/// </summary>
public sealed class InitSlotTests
{
    private static Dictionary<string, string> SlowInit(double seconds) =>
        new() { ["INIT_MODE"] = "slow", ["INIT_SECONDS"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task ColdStartsBeyondTheSlotsInitOneAfterAnother()
    {
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe(environment: SlowInit(0.3))),
            new EngineOptions { WatchCode = false, MaxConcurrentInits = 1 });

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => test.InvokeAsync("Probe", new { action = "echo" })));

        Assert.All(results, r => Assert.True(r.ColdStart && r.FunctionError is null));
        Assert.Equal(3, results.Select(r => r.EnvironmentId).Distinct().Count());
        // One slot: each init reports before the next one starts.
        var inits = test.Events.Where(e => e is PlatformInitStart or PlatformInitReport).Select(e => e.GetType()).ToList();
        Assert.Equal([.. Enumerable.Repeat(new[] { typeof(PlatformInitStart), typeof(PlatformInitReport) }, 3).SelectMany(p => p)], inits);
    }

    [Fact]
    public async Task AReInitThatWaitedForASlotStillHasTheWholeTimeout()
    {
        // Three re-inits of 1 s behind one slot: the last waits about 2 s, and would time out at 3 s if the wait counted.
        await using var test = new TestEngine(TestFunctions.Catalog(TestFunctions.Probe(timeoutSeconds: 3, environment: SlowInit(1))),
            new EngineOptions { WatchCode = false, MaxConcurrentInits = 1 });
        var crashed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => test.InvokeAsync("Probe", new { action = "exit" })));
        Assert.All(crashed, r => Assert.Equal("Runtime.ExitError", r.ErrorType));
        Assert.Equal(3, crashed.Select(r => r.EnvironmentId).Distinct().Count());

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => test.InvokeAsync("Probe", new { action = "echo" })));

        Assert.All(results, r => Assert.Null(r.FunctionError));
        var reInits = test.Of<PlatformInitReport>().Where(r => r.Phase == InitPhase.Invoke).ToList();
        Assert.Equal(3, reInits.Count);
        Assert.All(reInits, r => Assert.Equal(PlatformStatus.Success, r.Status));
    }
}
