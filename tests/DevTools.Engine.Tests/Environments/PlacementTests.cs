using DevTools.Engine.Environments;

namespace DevTools.Engine.Tests.Environments;

/// <summary>Lambda's placement rule on its own (no processes): warm first, then wait, scale out, or throttle.</summary>
public sealed class PlacementTests
{
    private const int Engine = 10;

    [Fact]
    public void AnIdleEnvironmentIsAlwaysPreferred() =>
        Assert.Equal(PlacementDecision.Warm, Placement.Decide(idle: 1, busy: 10, anyBusyAnswered: true, waited: false, reserved: null, unreservedBusy: 10, Engine));

    [Fact]
    public void ACallerWaitsOnceForAnAnsweredEnvironmentBeforeScalingOut()
    {
        Assert.Equal(PlacementDecision.WaitForAnswered, Placement.Decide(0, 1, anyBusyAnswered: true, waited: false, null, 1, Engine));
        Assert.Equal(PlacementDecision.ScaleOut, Placement.Decide(0, 1, anyBusyAnswered: true, waited: true, null, 1, Engine));
        Assert.Equal(PlacementDecision.ScaleOut, Placement.Decide(0, 1, anyBusyAnswered: false, waited: false, null, 1, Engine));
    }

    [Theory]
    [InlineData(9, 9, "ScaleOut")]
    [InlineData(10, 10, "Throttle")] // the function uses all of it
    [InlineData(2, 10, "Throttle")] // other unreserved functions use the rest
    public void UnreservedFunctionsShareTheEnginesLimit(int busy, int unreservedBusy, string expected) =>
        Assert.Equal(expected, $"{Placement.Decide(0, busy, false, false, reserved: null, unreservedBusy, Engine)}");

    [Theory]
    [InlineData(0, 0, "Throttle")] // reserved 0: always throttled, as Lambda's way to switch a function off
    [InlineData(2, 1, "ScaleOut")] // others' use of the unreserved pool does not matter
    [InlineData(2, 2, "Throttle")]
    public void AReservedFunctionHasItsOwnLimit(int reserved, int busy, string expected) =>
        Assert.Equal(expected, $"{Placement.Decide(0, busy, false, false, reserved, unreservedBusy: Engine, Engine)}");
}
