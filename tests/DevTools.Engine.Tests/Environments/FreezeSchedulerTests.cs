using DevTools.Engine.Environments;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Environments;

/// <summary>When an idle environment is frozen and thawed, on its own (no processes: a recorder stands for the sandbox).</summary>
public sealed class FreezeSchedulerTests
{
    private readonly List<string> _calls = [];
    private readonly object _process = new();

    private FreezeScheduler<object> Scheduler(TimeSpan delay, Action<double>? onFrozen = null) =>
        new(_ => { lock (_calls) _calls.Add("freeze"); }, _ => { lock (_calls) _calls.Add("thaw"); }, delay, onFrozen ?? (_ => { }));

    [Fact]
    public void WithNoDelayAnIdleEnvironmentFreezesAtOnceAndTheNextInvokeThawsIt()
    {
        var frozen = 0;
        using var scheduler = Scheduler(TimeSpan.Zero, _ => frozen++);
        scheduler.Idle(_process);
        Assert.True(scheduler.IsFrozen);
        Assert.Equal(1, frozen);

        var thawed = scheduler.Resume();
        Assert.NotNull(thawed);
        Assert.False(scheduler.IsFrozen);
        Assert.Equal(["freeze", "thaw"], _calls);
        Assert.Null(scheduler.Resume()); // nothing left to thaw
    }

    [Fact]
    public async Task AnInvokeWithinTheDelaySkipsBothTheFreezeAndTheThaw()
    {
        using var scheduler = Scheduler(TimeSpan.FromMilliseconds(200));
        scheduler.Idle(_process);
        Assert.Null(scheduler.Resume());
        await Task.Delay(400); // past the delay: the timer, cancelled by the invoke, must not freeze the busy environment
        Assert.Empty(_calls);
        Assert.False(scheduler.IsFrozen);
    }

    [Fact]
    public async Task AnEnvironmentIdleForTheDelayIsFrozen()
    {
        using var scheduler = Scheduler(TimeSpan.FromMilliseconds(30));
        scheduler.Idle(_process);
        Assert.True(await Poll.UntilAsync(() => scheduler.IsFrozen, TimeSpan.FromSeconds(5)));
        Assert.Equal(["freeze"], _calls);
    }

    [Fact]
    public void AForgottenRuntimeIsNeitherFrozenNorThawed()
    {
        using var scheduler = Scheduler(TimeSpan.Zero);
        scheduler.Idle(_process);
        scheduler.Forget(); // reset or stop: the kill path thaws as it needs
        Assert.False(scheduler.IsFrozen);
        Assert.Null(scheduler.Resume());
        Assert.Equal(["freeze"], _calls);
    }
}
