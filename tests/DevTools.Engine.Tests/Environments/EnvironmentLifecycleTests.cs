using DevTools.Engine.Environments;
using DevTools.Engine.Events;

namespace DevTools.Engine.Tests.Environments;

/// <summary>The environment's state machine on its own: the table's moves, everything else refused, stop is final.</summary>
public sealed class EnvironmentLifecycleTests
{
    private static readonly EnvironmentState[] All = Enum.GetValues<EnvironmentState>();

    [Fact]
    public void EveryStateHasARowAndEveryRunningStateCanStop()
    {
        Assert.Equal(All.OrderBy(s => s), EnvironmentLifecycle.Moves.Keys.OrderBy(s => s));
        foreach (var state in All.Where(s => s < EnvironmentState.Stopping))
            Assert.True(EnvironmentLifecycle.IsAllowed(state, EnvironmentState.Stopping), $"{state} cannot stop");
        Assert.Empty(EnvironmentLifecycle.Moves[EnvironmentState.Stopped]);
    }

    [Theory]
    [InlineData(EnvironmentState.Initializing, EnvironmentState.Frozen)] // nothing to freeze before an invoke
    [InlineData(EnvironmentState.Busy, EnvironmentState.Frozen)] // an invoke is never frozen under the function
    [InlineData(EnvironmentState.Busy, EnvironmentState.Initializing)]
    [InlineData(EnvironmentState.Frozen, EnvironmentState.Idle)] // a thaw is for an invoke
    [InlineData(EnvironmentState.Frozen, EnvironmentState.Initializing)]
    [InlineData(EnvironmentState.Idle, EnvironmentState.Stopped)] // the shutdown phase comes first
    public void AMoveTheTableLacksIsRefused(EnvironmentState from, EnvironmentState to)
    {
        var lifecycle = At(from, new List<LifecycleEvent>());
        Assert.Throws<InvalidOperationException>(() => lifecycle.MoveTo(to));
        Assert.Equal(from, lifecycle.State);
    }

    [Fact]
    public void AMovePublishesItsAnnouncementAndAStoppingEnvironmentIgnoresLateWork()
    {
        var published = new List<LifecycleEvent>();
        var lifecycle = At(EnvironmentState.Idle, published);
        var frozen = new EnvironmentFrozen { FunctionName = "Fn", EnvironmentId = "e", FreezeMs = 1 };
        Assert.True(lifecycle.MoveIfStill(EnvironmentState.Idle, EnvironmentState.Frozen, frozen));
        Assert.Same(frozen, Assert.Single(published));

        // A freeze timer firing after the invoke took the environment does nothing.
        Assert.True(lifecycle.MoveTo(EnvironmentState.Busy));
        Assert.False(lifecycle.MoveIfStill(EnvironmentState.Idle, EnvironmentState.Frozen, frozen));
        Assert.Single(published);

        Assert.True(lifecycle.MoveTo(EnvironmentState.Stopping));
        Assert.True(lifecycle.HasEnded);
        Assert.False(lifecycle.MoveTo(EnvironmentState.Idle)); // the invoke in flight ends after the stop began
        Assert.False(lifecycle.MoveTo(EnvironmentState.Stopping)); // a second stop
        Assert.Equal(EnvironmentState.Stopping, lifecycle.State);
        Assert.True(lifecycle.MoveTo(EnvironmentState.Stopped));
        Assert.False(lifecycle.MoveTo(EnvironmentState.Stopped));
    }

    /// <summary>A lifecycle brought to <paramref name="state"/> along allowed moves.</summary>
    private static EnvironmentLifecycle At(EnvironmentState state, List<LifecycleEvent> published)
    {
        var lifecycle = new EnvironmentLifecycle(published.Add);
        EnvironmentState[] path = state switch
        {
            EnvironmentState.Initializing => [],
            EnvironmentState.Busy => [EnvironmentState.Busy],
            EnvironmentState.Idle => [EnvironmentState.Busy, EnvironmentState.Idle],
            EnvironmentState.Frozen => [EnvironmentState.Busy, EnvironmentState.Idle, EnvironmentState.Frozen],
            _ => [EnvironmentState.Stopping],
        };
        foreach (var step in path) lifecycle.MoveTo(step);
        return lifecycle;
    }
}
