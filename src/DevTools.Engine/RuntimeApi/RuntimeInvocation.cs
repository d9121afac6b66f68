namespace DevTools.Engine.RuntimeApi;

/// <summary>One event handed to a runtime through <c>/next</c>, with the headers Lambda sends with it.</summary>
public sealed class RuntimeInvocation
{
    public required string RequestId { get; init; }
    public required ReadOnlyMemory<byte> Payload { get; init; }
    /// <summary>Set by the environment when the event is handed over (the timeout runs from there).</summary>
    public long DeadlineMs { get; set; }
    public required string InvokedFunctionArn { get; init; }
    public required string TraceId { get; init; }
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }
    public string ContentType { get; init; } = "application/json";

    /// <summary>Stopwatch timestamps of the invoke's path through the engine, for measuring its own overhead.</summary>
    public InvokeTimestamps Timestamps { get; } = new();
}

/// <summary>When an invoke passed the engine's checkpoints (<see cref="System.Diagnostics.Stopwatch"/> ticks; 0 = not reached).</summary>
public sealed class InvokeTimestamps
{
    /// <summary>The engine accepted the request.</summary>
    public long Accepted { get; set; }

    /// <summary>Cold starts: the engine began starting the runtime process.</summary>
    public long ProcessStarting { get; set; }

    /// <summary>Cold starts: the runtime process exists (the spawn returned).</summary>
    public long ProcessStarted { get; set; }

    /// <summary>Cold starts: the runtime's first <c>/next</c> arrived (its init is done).</summary>
    public long InitDone { get; set; }

    /// <summary>The event was handed to the runtime's socket.</summary>
    public long Delivered { get; set; }

    /// <summary>The runtime's answer had been read in full.</summary>
    public long Answered { get; set; }

    /// <summary>The result was handed back to the caller.</summary>
    public long Returned { get; set; }
}
