namespace DevTools.Engine.Environments;

/// <summary>Where an invoke goes, as Lambda places it.</summary>
internal enum PlacementDecision
{
    /// <summary>The most recently used idle environment (Lambda's preference).</summary>
    Warm,
    /// <summary>Wait (briefly) for a busy environment that has already answered: N sequential callers need N environments.</summary>
    WaitForAnswered,
    /// <summary>A new environment (a cold start).</summary>
    ScaleOut,
    /// <summary>429: no concurrency left for the function.</summary>
    Throttle,
}

/// <summary>
/// The placement rule on its own, from a pool's counts: warm first; a caller that has not waited yet waits for an
/// answered busy environment before scaling out; a new environment while under the function's limit (its reserved
/// concurrency, else the engine's, shared by every unreserved function); otherwise throttled.
/// </summary>
internal static class Placement
{
    /// <param name="idle">The function's idle environments.</param>
    /// <param name="busy">The function's busy environments.</param>
    /// <param name="anyBusyAnswered">Whether one of them has already answered (it will be free in moments).</param>
    /// <param name="waited">Whether this caller already waited for one.</param>
    /// <param name="reserved">The function's reserved concurrency, if it has one.</param>
    /// <param name="unreservedBusy">Busy environments of every unreserved function.</param>
    /// <param name="concurrencyLimit">The engine's concurrency limit.</param>
    public static PlacementDecision Decide(int idle, int busy, bool anyBusyAnswered, bool waited, int? reserved, int unreservedBusy, int concurrencyLimit)
    {
        if (idle > 0) return PlacementDecision.Warm;
        if (!waited && anyBusyAnswered) return PlacementDecision.WaitForAnswered;
        var underLimit = reserved is { } own ? busy < own : busy < concurrencyLimit && unreservedBusy < concurrencyLimit;
        return underLimit ? PlacementDecision.ScaleOut : PlacementDecision.Throttle;
    }
}
