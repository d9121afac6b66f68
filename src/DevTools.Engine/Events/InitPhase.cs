namespace DevTools.Engine.Events;

/// <summary>Which phase an init runs in, as the Telemetry API's <c>phase</c> field names it.</summary>
public enum InitPhase
{
    /// <summary>The first init of an environment: its own phase, reported as Init Duration.</summary>
    Init,
    /// <summary>A suppressed re-init after a reset: it runs inside the invoke and counts in its duration.</summary>
    Invoke,
}

public static class InitPhaseNames
{
    /// <summary>The name on the wire and in the INIT_REPORT line.</summary>
    public static string Name(this InitPhase phase) => phase == InitPhase.Init ? "init" : "invoke";
}
