namespace DevTools.Engine.Environments;

/// <summary>The result of an init phase: success with its duration, or the error the first invoke returns.</summary>
internal sealed record InitOutcome(bool Success, double DurationMs, string? Status = null, RuntimeAnswer? Failure = null);
