namespace DevTools.Engine.Environments;

/// <summary>The result of an init phase: its duration, and what failed when it did (the error the first invoke returns).</summary>
internal sealed record InitOutcome(double DurationMs, RuntimeFailure? Failure);
